"""Runtime: the daemon as it runs.

    passes.py  the passes (ingest, cases, updates, digests, delivery) and what they are built from
    loop.py    `followup run`: the loop, signals, the archive lock, sd_notify, logging set-up
"""
