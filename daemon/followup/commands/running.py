"""`followup run`: build the daemon from config and run it (foreground or one pass)."""

from __future__ import annotations

import logging
import signal
import sys
import threading

from followup import clock


def run_daemon(config, *, once: bool, interval: float):
    from followup.runner import Daemon, open_sources, run_forever
    from followup.transports import open_transport

    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    daemon = Daemon(config, transport=open_transport(config.transport), sources=open_sources(config))
    try:
        if once:
            return daemon.run_once(clock.utcnow())
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())  # only a flag: the loop finishes its pass
        run_forever(daemon, stop, interval=interval)
        return None
    finally:
        daemon.close()
