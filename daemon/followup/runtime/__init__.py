"""Runtime: the daemon as it runs.

    app.py     open_app(config): the archive, the casebook, the sources and the transport, built once
    passes.py  the passes (ingest, cases, updates, digests, delivery) and what they are built from
    loop.py    `followup run`: the loop, signals, the archive lock, sd_notify, logging set-up
"""
