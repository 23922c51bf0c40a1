"""Configuration: one TOML file → frozen dataclasses, with every problem reported at once.

The schema *is* the dataclasses in sections.py: each field carries, in its metadata, the TOML
key, a check (which validates and converts the raw TOML value) and the raw default, which goes
through the same check (so a default path is resolved like a written one). A field may
instead inherit its default from a section read earlier (`clients[].locale` ← `defaults.locale`).
A table class may add rules that span its keys in `_finish`; `Config._finish` holds the rules
that span sections (duplicate names, a domain claimed twice, references between sections).

    engine.py     the small schema engine: settings, tables, arrays of tables, tagged tables
    values.py     checks of one value each (addresses, zones, locales, paths, commands …)
    sections.py   the tables: [archive], [defaults], [[clients]], [[sources]], [transport] …
    load.py       the whole Config, rules across sections, load_config / parse_config
    loadcheck.py  load-time trials of what the shape cannot show (cadences, schedules, templates)
    starter.py    the commented config `followup init` writes

The config file is found by followup/configpath.py, kept outside this package so `followup
grep` can find it without importing any of this.
"""

from followup.config.load import Config, accepted_keys, config_from_mapping, load_config, parse_config
from followup.config.sections import (SOURCE_TYPES, TRANSPORT_TYPES, ArchiveConfig, ClientConfig, DefaultsConfig,
                                      DeliveryConfig, DigestConfig, EwsSourceConfig, EwsTransportConfig,
                                      ImapSourceConfig, MaildirSourceConfig, MboxSourceConfig, OutboxTransportConfig,
                                      OwnerPerson, OwnersConfig, SmtpTransportConfig, SourceConfig, TaggingConfig,
                                      TemplatesConfig, TransportConfig)
from followup.config.starter import starter_config
from followup.config.values import LANGUAGES
from followup.configpath import find_config_path
from followup.schedule.window import DAY_NAMES, SendWindow, parse_send_window

__all__ = [
    "DAY_NAMES", "LANGUAGES", "SOURCE_TYPES", "TRANSPORT_TYPES", "ArchiveConfig", "ClientConfig", "Config",
    "DefaultsConfig", "DeliveryConfig", "DigestConfig", "EwsSourceConfig", "EwsTransportConfig", "ImapSourceConfig",
    "MaildirSourceConfig", "MboxSourceConfig", "OutboxTransportConfig", "OwnerPerson", "OwnersConfig", "SendWindow",
    "SmtpTransportConfig", "SourceConfig", "TaggingConfig", "TemplatesConfig", "TransportConfig", "accepted_keys",
    "config_from_mapping", "find_config_path", "load_config", "parse_config", "parse_send_window", "starter_config",
]
