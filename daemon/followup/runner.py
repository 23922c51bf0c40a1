"""Forwarding module: the passes live in followup.runtime.passes now (issue 17).

Kept only because bench/imap.py imports `followup.runner`, and bench/ belongs to issue 14's
branch until it merges; delete this file once bench/imap.py imports followup.runtime.passes.
"""

from followup.runtime.passes import Daemon, open_transport_for

__all__ = ["Daemon", "open_transport_for"]
