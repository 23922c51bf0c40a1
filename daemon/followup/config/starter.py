"""The starter config `followup init` writes."""

from __future__ import annotations

from pathlib import Path

from followup.config.engine import Context, Invalid
from followup.config.values import email_address
from followup.errors import ConfigError, Problem

# ---------------------------------------------------------------------------
# the starter config `followup init` writes


_STARTER = """\
# followup configuration, written by `followup init`.
# Every setting is described in config.example.toml (shipped with followup).
# Relative paths are taken from this file's folder.

[archive]
path = "data/archive.sqlite3"        # the evidence: every message, byte for byte

[owners]
# People on our side. Only they can open, steer or close a case.
addresses = ["{owner}"]

[defaults]
locale = "en"                        # en, nb, da, sv, ca or sk (another language: English, with a warning)
timezone = "UTC"                     # an IANA name such as "Europe/Oslo"
cadence = "every 2 business days"    # how often a client gets an update
send_window = "Mon-Fri 09:00-17:00"  # in the client's time zone
mode = "draft"                       # "draft" until you trust it, then "send"

# One [[clients]] entry per client; leave out what [defaults] already says.
# [[clients]]
# name = "acme"
# domains = ["acme.example"]
# locale = "nb"
# timezone = "Europe/Oslo"

[[sources]]
name = "local"
type = "maildir"
path = "mail"                        # point this at your Maildir

[transport]
type = "outbox"                      # writes updates into a local Maildir; nothing leaves the machine
path = "outbox"
from = "{owner}"
"""


def starter_config(owner: str | None = None) -> str:
    """The commented config `followup init` writes, with `owner` as the only owner."""
    address = owner or "me@agency.example"
    try:
        address = email_address(address, Context(file=Path("config.toml")), "owners.addresses")
    except Invalid as bad:
        raise ConfigError([Problem("(followup init)", "owner", bad.message, bad.fix)]) from None
    return _STARTER.format(owner=address)
