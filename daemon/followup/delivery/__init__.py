"""Delivery: what goes out to clients and owners, and exactly once.

    updates.py      which client updates are due now, each one composed
    digest_data.py  the owner's digest as data (pure)
    digest_mail.py  when an owner's daily digest is due, gathered and composed
    outbox.py       the outbox state machine: pending -> sending -> sent, exactly once
    names.py        whose name a client and an owner read
"""
