"""Specification of the config loader: TOML in, frozen dataclasses out, every problem at once."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from configs import (config_toml, ews_source, ews_transport, maildir_source, outbox_transport,
                     smtp_transport)

from followup.config import (
    DAY_NAMES,
    Config,
    EwsTransportConfig,
    ImapSourceConfig,
    MaildirSourceConfig,
    OutboxTransportConfig,
    accepted_keys,
    config_from_mapping,
    find_config_path,
    load_config,
    parse_config,
    parse_send_window,
    starter_config,
)
from followup.errors import ConfigError, Problem
from followup.credentials import resolve_secret

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "config.example.toml"
FILE = Path("/etc/followup/config.toml")

# the config each snippet below is added to: no archive, so the loader's default applies
BASE_SECTIONS = {"archive": None, "sources": [maildir_source("mail")], "transport": outbox_transport("outbox")}


def base_with(**changes) -> str:
    """BASE with `changes` to its sections (a section given None is left out)."""
    return config_toml(**{**BASE_SECTIONS, **changes})


BASE = base_with()


def parse(extra: str = "", base: str = BASE) -> Config:
    return parse_config(base + extra, file=FILE)


def problems(extra: str = "", base: str = BASE) -> list[Problem]:
    with pytest.raises(ConfigError) as caught:
        parse(extra, base)
    return caught.value.problems


def keys(found: list[Problem]) -> list[str]:
    return [p.key for p in found]


IMAP = """
[[sources]]
name = "work"
type = "imap"
host = "imap.agency.example"
username = "me@agency.example"
"""


# --- the shipped files ---------------------------------------------------------------


def test_example_config_loads_as_the_local_default():
    config = load_config(EXAMPLE)
    assert config.archive.path == REPO / "data" / "archive.sqlite3"
    assert config.sources == (
        MaildirSourceConfig(
            name="local", type="maildir", path=REPO / "examples" / "mail", tag_folder="slipup"
        ),
    )
    assert isinstance(config.transport, OutboxTransportConfig)
    assert config.transport.path == REPO / "outbox"
    assert config.owners.addresses == ("me@agency.example",)
    acme = config.client("acme")
    assert (acme.domains, acme.locale, acme.timezone) == (("acme.example",), "nb", "Europe/Oslo")


def _documented_keys(example: str) -> set[str]:
    """Keys written in the example, commented out or not, named like accepted_keys()."""
    found: set[str] = set()
    table, block = "", []

    def close_block() -> None:
        kind = next((v for k, v in block if k == "type"), None)
        for key, _ in block:
            if table in ("sources", "transport"):
                found.add(f"{table}[{kind}].{key}")
            elif table in ("clients", "owners.people"):
                found.add(f"{table}[].{key}")
            else:
                found.add(f"{table}.{key}")

    for line in example.splitlines():
        line = re.sub(r"^\s*#\s?", "", line)
        header = re.match(r"^\[\[?([\w.]+)\]\]?\s*$", line)
        setting_ = re.match(r'^(\w+)\s*=\s*"?([\w.]*)', line)
        if header:
            close_block()
            table, block = header.group(1), []
        elif setting_:
            block.append(setting_.groups())
    close_block()
    return found


def test_every_accepted_key_is_documented_in_the_example():
    missing = accepted_keys() - _documented_keys(EXAMPLE.read_text(encoding="utf-8"))
    assert missing == set()


def test_the_documentation_check_notices_an_undocumented_key():
    documented = _documented_keys(EXAMPLE.read_text(encoding="utf-8").replace("since =", "sinse ="))
    assert "sources[imap].since" in accepted_keys() - documented


def test_starter_config_loads_without_problems(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(starter_config(), encoding="utf-8")
    config = load_config(path)
    assert config.owners.addresses == ("me@agency.example",)
    assert config.archive.path == tmp_path / "data" / "archive.sqlite3"


def test_starter_config_names_the_given_owner():
    config = parse_config(starter_config("Kari@Agency.example"), file=FILE)
    assert config.owners.addresses == ("kari@agency.example",)
    assert config.transport.from_address == "kari@agency.example"


def test_starter_config_refuses_an_owner_that_is_not_an_address():
    with pytest.raises(ConfigError, match="not an email address"):
        starter_config("kari at agency")


# --- problems: where, what, fix ----------------------------------------------------------


def test_unknown_key_is_rejected_with_did_you_mean():
    [problem] = problems('[defaults]\ntimezon = "UTC"\n')
    assert problem.key == "defaults.timezon"
    assert "did you mean `timezone`" in problem.fix


def test_unknown_section_is_rejected_with_did_you_mean():
    [problem] = problems('[[client]]\nname = "acme"\n')
    assert problem.key == "client"
    assert "`clients`" in problem.fix


def test_a_password_in_the_file_is_refused_without_quoting_it():
    [problem] = problems(IMAP + 'password_env = "X"\npassword = "hunter2"\n')
    assert problem.key == "sources[1].password"
    assert "password_env or password_command" in problem.fix
    assert "hunter2" not in str(ConfigError([problem]))


def test_several_problems_are_reported_at_once():
    text = (
        base_with(transport=outbox_transport(sender="me"))
        + """
[defaults]
timezone = "Europe/Osloo"
locale = "xx"
[digest]
tme = "08:00"
"""
    )
    found = problems(base=text)
    assert sorted(keys(found)) == ["defaults.locale", "defaults.timezone", "digest.tme", "transport.from"]
    assert all(p.file == str(FILE) and p.message and p.fix for p in found)


VALID = {
    "owners": {"addresses": ["me@agency.example"]},
    "transport": {"type": "outbox", "path": "outbox", "from": "me@agency.example"},
}
FAULTS = [  # section, key, bad value, the key the problem must name
    ("defaults", "timezone", "Nowhere/Zone", "defaults.timezone"),
    ("defaults", "locale", "xx", "defaults.locale"),
    ("digest", "time", "8am", "digest.time"),
    ("delivery", "rate_limit_per_client_per_hour", 0, "delivery.rate_limit_per_client_per_hour"),
    ("archive", "path", 5, "archive.path"),
    ("tagging", "tag", "#slipup", "tagging.tag"),
    ("owners", "addresses", ["me@agency.example", "nope"], "owners.addresses[1]"),
    ("transport", "frm", "me@agency.example", "transport.frm"),
]


@settings(max_examples=100, deadline=None)
@given(st.sets(st.sampled_from(range(len(FAULTS))), min_size=1))
def test_every_fault_is_reported_and_nothing_else(chosen):
    data = {section: dict(table) for section, table in VALID.items()}
    for section, key, bad, _ in (FAULTS[i] for i in chosen):
        data.setdefault(section, {})[key] = bad
    with pytest.raises(ConfigError) as caught:
        config_from_mapping(data, file=FILE)
    assert sorted(keys(caught.value.problems)) == sorted(FAULTS[i][3] for i in chosen)


def test_bad_toml_is_reported_with_line_and_column():
    [problem] = problems(base='[archive]\npath = "x"\nbroken = \n')
    assert problem.key == "line 3, column 10"
    assert "not valid TOML" in problem.message


def test_unknown_time_zone_names_the_client_key():
    [problem] = problems("""
        [[clients]]
        name = "a"
        domains = ["a.example"]
        [[clients]]
        name = "b"
        domains = ["b.example"]
        timezone = "Mars/Olympus"
    """)
    assert problem.key == "clients[1].timezone"
    assert "Mars/Olympus" in problem.message and "Europe/Oslo" in problem.fix


def test_domain_claimed_by_two_clients_is_a_problem():
    [problem] = problems(
        '[[clients]]\nname = "a"\ndomains = ["acme.example"]\n[[clients]]\nname = "b"\ndomains = ["ACME.example"]\n'
    )
    assert problem.key == "clients[1].domains"
    assert "clients[0]" in problem.message


def test_duplicate_client_names_are_a_problem():
    [problem] = problems(
        '[[clients]]\nname = "a"\ndomains = ["a.example"]\n[[clients]]\nname = "a"\ndomains = ["b.example"]\n'
    )
    assert problem.key == "clients[1].name"


def test_duplicate_source_names_are_a_problem():
    [problem] = problems('[[sources]]\nname = "local"\ntype = "mbox"\npath = "x.mbox"\n')
    assert problem.key == "sources[1].name"


def test_duplicate_domain_is_found_even_when_another_client_has_a_problem():
    found = problems("""
        [[clients]]
        name = "a"
        domains = ["a.example"]
        [[clients]]
        name = "b"
        domains = ["c.example"]
        locale = "zz"
        [[clients]]
        name = "c"
        domains = ["a.example"]
    """)
    assert sorted(keys(found)) == ["clients[1].locale", "clients[2].domains"]


def test_a_locale_that_is_no_language_lists_the_supported_ones():
    [problem] = problems('[defaults]\nlocale = "xx"\n')
    assert "nb" in problem.fix and "sk" in problem.fix


def test_an_unsupported_language_falls_back_to_english_with_one_warning():
    config = parse('[defaults]\nlocale = "de"\n[[clients]]\nname = "x"\ndomains = ["x.example"]\n')
    assert (config.defaults.locale, config.clients[0].locale) == ("en", "en")
    (warning,) = config.warnings
    assert "defaults.locale" in warning and '"de"' in warning and "English" in warning


def test_norwegian_without_variant_points_to_bokmal():
    [problem] = problems('[defaults]\nlocale = "no"\n')
    assert '"nb"' in problem.fix


def test_locale_with_region_is_normalised():
    config = parse('[defaults]\nlocale = "nb-no"\n')
    assert config.defaults.locale == "nb_NO"


def test_bad_email_address_names_its_index():
    [problem] = problems(
        base=base_with(owners=["me@agency.example", "you@"])
    )
    assert problem.key == "owners.addresses[1]"


@pytest.mark.parametrize(
    "address", ["Me <me@agency.example>", '"me too"@agency.example', "me@agency", "me@@agency.example"]
)
def test_only_bare_addresses_are_accepted(address):
    [problem] = problems(base=base_with(transport=outbox_transport(sender=address)))
    assert problem.key == "transport.from"


def test_client_without_domains_or_addresses_is_a_problem():
    [problem] = problems('[[clients]]\nname = "a"\n')
    assert problem.key == "clients[0].domains"


def test_missing_required_key_names_it():
    [problem] = problems('[[sources]]\nname = "box"\ntype = "maildir"\n')
    assert (problem.key, problem.message) == ("sources[1].path", "is required but missing")


def test_missing_owners_is_a_problem():
    [problem] = problems(base=base_with(owners=None))
    assert problem.key == "owners.addresses"


def test_wrong_type_says_what_was_expected():
    [problem] = problems('[delivery]\nrate_limit_per_client_per_hour = "four"\n')
    assert problem.message == "expected an integer from 1 to 1000, got a string"


def test_boolean_is_not_accepted_as_an_integer():
    [problem] = problems("[delivery]\nrate_limit_per_client_per_hour = true\n")
    assert problem.key == "delivery.rate_limit_per_client_per_hour"


def test_port_out_of_range_is_a_problem():
    [problem] = problems(IMAP + 'password_env = "P"\nport = 70000\n')
    assert problem.key == "sources[1].port"


def test_unknown_source_type_suggests_the_closest():
    [problem] = problems('[[sources]]\nname = "x"\ntype = "imapp"\n')
    assert problem.key == "sources[1].type"
    assert '"imap"' in problem.fix


def test_key_of_another_source_type_is_rejected():
    [problem] = problems('[[sources]]\nname = "box"\ntype = "maildir"\npath = "m"\nhost = "imap.example"\n')
    assert problem.key == "sources[1].host"


def test_without_a_transport_updates_go_to_an_outbox_beside_the_config_from_the_first_owner(tmp_path):
    (tmp_path / "config.toml").write_text(base_with(transport=None), encoding="utf-8")
    transport = load_config(tmp_path / "config.toml").transport
    assert (transport.type, transport.path) == ("outbox", tmp_path / "outbox")
    assert transport.from_address == load_config(tmp_path / "config.toml").owners.addresses[0]


# --- paths ---------------------------------------------------------------------------------


def test_relative_paths_resolve_against_the_config_folder(tmp_path):
    folder = tmp_path / "conf"
    folder.mkdir()
    (tmp_path / "tpl").mkdir()  # a templates folder must exist: it is rendered at load
    (folder / "config.toml").write_text(base_with(templates={"path": "../tpl"}), encoding="utf-8")
    config = load_config(folder / "config.toml")
    assert config.archive.path == folder / "data" / "archive.sqlite3"
    assert config.sources[0].path == folder / "mail"
    assert config.templates.path == folder / "../tpl"


def test_absolute_paths_are_kept():
    config = parse('[archive]\npath = "/srv/followup/archive.sqlite3"\n')
    assert config.archive.path == Path("/srv/followup/archive.sqlite3")


def test_loading_a_missing_file_points_to_followup_init(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.toml")
    [problem] = caught.value.problems
    assert problem.file == str(tmp_path / "nope.toml")
    assert "followup init" in problem.fix


def test_a_file_that_is_not_utf8_is_a_problem(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(BASE.encode() + b"# \xff\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


# --- finding the file ------------------------------------------------------------------------


@pytest.fixture
def three_configs(tmp_path):
    paths = {name: tmp_path / name / "config.toml" for name in ("explicit", "env", "home")}
    paths["home"] = tmp_path / "home" / ".config" / "followup" / "config.toml"
    for path in paths.values():
        path.parent.mkdir(parents=True)
        path.write_text(BASE, encoding="utf-8")
    env = {"FOLLOWUP_CONFIG": str(paths["env"]), "HOME": str(tmp_path / "home")}
    return paths, env


def test_find_config_prefers_the_explicit_file(three_configs):
    paths, env = three_configs
    assert find_config_path(str(paths["explicit"]), env) == paths["explicit"]


def test_find_config_uses_the_environment_variable_next(three_configs):
    paths, env = three_configs
    assert find_config_path(None, env) == paths["env"]


def test_find_config_falls_back_to_the_home_config(three_configs):
    paths, env = three_configs
    del env["FOLLOWUP_CONFIG"]
    assert find_config_path(None, env) == paths["home"]


def test_find_config_honours_xdg_config_home(tmp_path):
    path = tmp_path / "xdg" / "followup" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(BASE, encoding="utf-8")
    assert find_config_path(None, {"XDG_CONFIG_HOME": str(tmp_path / "xdg"), "HOME": "/nonexistent"}) == path


def test_find_config_does_not_fall_back_when_the_explicit_file_is_missing(three_configs, tmp_path):
    _, env = three_configs
    with pytest.raises(ConfigError) as caught:
        find_config_path(str(tmp_path / "typo.toml"), env)
    [problem] = caught.value.problems
    assert problem.file == str(tmp_path / "typo.toml")
    assert "followup init" in problem.fix


# --- defaults and inheritance -------------------------------------------------------------------


def test_client_takes_what_it_leaves_out_from_defaults():
    config = parse("""
        [defaults]
        locale = "sv"
        cadence = "every Tuesday"
        holidays = [2026-12-24]
        [[clients]]
        name = "a"
        domains = ["a.example"]
        mode = "draft"
    """)
    client = config.clients[0]
    assert (client.locale, client.cadence, client.mode, client.holidays) == (
        "sv",
        "every Tuesday",
        "draft",
        (date(2026, 12, 24),),
    )
    assert client.send_window == config.defaults.send_window


def test_owner_listed_only_by_address_gets_digest_defaults():
    config = parse('[digest]\ntime = "07:15"\n[defaults]\ntimezone = "Europe/Bratislava"\n')
    [person] = config.owners.people
    assert (person.address, person.digest_time, person.timezone) == (
        "me@agency.example",
        time(7, 15),
        "Europe/Bratislava",
    )


def test_owner_people_join_the_owner_addresses():
    config = parse(
        '[[owners.people]]\naddress = "Lead@Agency.example"\nname = "Kari"\ndigest_time = "06:30"\n'
    )
    assert config.owners.addresses == ("lead@agency.example", "me@agency.example")
    assert config.owners.is_owner("LEAD@agency.example")
    assert config.owners.people[0].digest_time == time(6, 30)


def test_imap_port_follows_tls_when_left_out():
    config = parse(IMAP + 'password_env = "P"\ntls = "starttls"\n')
    assert config.source("work").port == 143


def test_gmail_auto_means_undecided():
    config = parse(IMAP + 'password_env = "P"\n')
    assert config.source("work").gmail is None


def test_tls_verify_false_is_accepted():
    config = parse(IMAP + 'password_env = "P"\ntls_verify = false\n')
    assert config.source("work").tls_verify is False


def test_password_command_string_is_split_like_a_shell_without_one():
    config = parse(IMAP + "password_command = \"pass show 'imap work'\"\n")
    assert config.source("work").password_command == ("pass", "show", "imap work")


# --- rules across keys ---------------------------------------------------------------------------


def test_imap_needs_a_way_to_get_the_password():
    [problem] = problems(IMAP)
    assert problem.key == "sources[1].password_env"


def test_imap_refuses_two_ways_to_get_the_password():
    [problem] = problems(IMAP + 'password_env = "P"\npassword_command = ["pass", "imap"]\n')
    assert problem.key == "sources[1].password_command"


def test_plaintext_login_needs_explicit_consent():
    [problem] = problems(IMAP + 'password_env = "P"\ntls = "none"\n')
    assert problem.key == "sources[1].tls"
    assert "allow_plaintext_auth" in problem.fix


def test_plaintext_login_is_accepted_with_consent():
    config = parse(IMAP + 'password_env = "P"\ntls = "none"\nallow_plaintext_auth = true\n')
    assert isinstance(config.source("work"), ImapSourceConfig)


def test_smtp_relay_without_login_needs_no_password():
    text = base_with(transport=smtp_transport("localhost", tls="none"))
    assert parse(base=text).transport.port == 25


def test_ews_needs_an_endpoint_or_autodiscover():
    found = problems("""
        [[sources]]
        name = "ex"
        type = "ews"
        primary_address = "me@agency.example"
        auth_type = "basic"
        username = "me"
        password_env = "P"
    """)
    assert keys(found) == ["sources[1].service_endpoint"]


def test_ews_oauth2_needs_the_app_registration():
    found = problems(
        '[[sources]]\nname = "ex"\ntype = "ews"\nautodiscover = true\nprimary_address = "me@agency.example"\n'
    )
    assert keys(found) == ["sources[1].client_id", "sources[1].tenant_id", "sources[1].client_secret_env"]


def test_ews_transport_must_name_an_ews_source():
    text = base_with(transport=ews_transport("local"))
    [problem] = problems(base=text)
    assert problem.key == "transport.source"


def test_ews_transport_shares_an_ews_source():
    exchange = ews_source(name="ex", autodiscover=True, primary_address="me@agency.example",
                          client_id="c", tenant_id="t", client_secret_env="S")
    text = base_with(sources=[maildir_source("mail"), exchange], transport=ews_transport("ex"))
    assert isinstance(parse(base=text).transport, EwsTransportConfig)


def test_client_domain_cannot_also_be_ignored():
    [problem] = problems(
        '[defaults]\nignore_domains = ["gmail.example"]\n[[clients]]\nname = "a"\ndomains = ["gmail.example"]\n'
    )
    assert problem.key == "clients[0].domains"


# --- secrets stay out ---------------------------------------------------------------------------


def test_config_repr_never_contains_the_secret():
    config = parse(IMAP + 'password_env = "FOLLOWUP_IMAP_PASSWORD"\n')
    env = {"FOLLOWUP_IMAP_PASSWORD": "s3cr3t-value"}
    source = config.source("work")
    assert (
        resolve_secret(source.password_env, source.password_command, env=env, what="sources[1].password_env")
        == "s3cr3t-value"
    )
    assert "s3cr3t-value" not in repr(config)


# --- send windows --------------------------------------------------------------------------------


def test_send_window_is_parsed_into_days_and_hours():
    window = parse_send_window("Mon-Fri 09:00-17:00")
    assert (window.days, window.start, window.end) == (frozenset({0, 1, 2, 3, 4}), time(9), time(17))


def test_send_window_always_covers_every_hour():
    assert parse_send_window("always").always


def test_send_window_day_range_may_wrap_the_week():
    assert parse_send_window("Fri-Mon 10:00-24:00").days == frozenset({4, 5, 6, 0})


def test_send_window_that_ends_before_it_starts_is_a_problem():
    [problem] = problems('[defaults]\nsend_window = "Mon-Fri 17:00-09:00"\n')
    assert problem.key == "defaults.send_window"
    assert "Mon-Fri 09:00-17:00" in problem.fix


@pytest.mark.parametrize(
    "spec", ["weekdays", "Mon-Fri 9-17", "Mon-Fry 09:00-17:00", "Mon-Fri 09:00-25:00", ""]
)
def test_malformed_send_window_is_a_problem(spec):
    [problem] = problems(f'[defaults]\nsend_window = "{spec}"\n')
    assert problem.key == "defaults.send_window"


@settings(max_examples=150, deadline=None)
@given(
    days=st.sets(st.integers(0, 6), min_size=1),
    start=st.integers(0, 23 * 60 + 58),
    length=st.integers(1, 24 * 60),
)
def test_send_window_written_from_its_parts_reads_back_the_same(days, start, length):
    end = min(start + length, 24 * 60)
    spec = (
        ",".join(DAY_NAMES[d].title() for d in sorted(days))
        + f" {start // 60:02}:{start % 60:02}-{end // 60:02}:{end % 60:02}"
    )
    window = parse_send_window(spec)
    assert window.days == frozenset(days)
    assert window.start == time(start // 60, start % 60)
    assert window.end == (None if end == 24 * 60 else time(end // 60, end % 60))
