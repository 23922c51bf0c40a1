"""Whose name a client and an owner read: the owner who owns a case, and how they are called.

A name comes from `[[owners.people]] name`, else the display name on the owner's own mail
(in the case's thread first, then anywhere in the archive), else nothing (the caller shows
the address). `[transport] from_name` is the caller's business: it wins over all of these.
"""

from __future__ import annotations

import sqlite3

from followup.storage import threads

def case_owner(config, case: dict):
    """The owner (config OwnerPerson) who owns a case: whoever opened it, else the first owner."""
    opened_by = (case.get("opened_by") or "").lower()
    for person in config.owners.people:
        if person.address == opened_by:
            return person
    return config.owners.people[0]


def owner_name(conn: sqlite3.Connection, person, thread_id: int | None = None) -> str | None:
    """The owner's name as configured, else as they sign their own mail; None when unknown."""
    if person.name:
        return person.name
    signed = threads.signed_name(conn, person.address, thread_id)
    name = " ".join(signed.split()).strip('"') if signed else ""
    return name if name and "@" not in name else None


def reader_zone(config) -> str:
    """The time zone of whoever reads the CLI's output: the owner named by $FOLLOWUP_OWNER,
    else the first owner (each owner's zone defaults to [defaults] timezone)."""
    import os

    wanted = (os.environ.get("FOLLOWUP_OWNER") or "").strip().lower()
    for person in config.owners.people:
        if person.address == wanted:
            return person.timezone
    return config.owners.people[0].timezone
