"""The throwaway Dovecot the IMAP tests run against starts even when a free port it chose was
taken in the meantime (tests start servers side by side), and says why when it cannot."""

from __future__ import annotations

import socket

import pytest
from dovecot import DOVECOT, SKIP_REASON, Dovecot


@pytest.fixture
def server():
    if DOVECOT is None:
        pytest.skip(SKIP_REASON)
    made = Dovecot()
    yield made
    made.remove()


def _squat(port: int) -> socket.socket:
    squatter = socket.socket()
    squatter.bind(("127.0.0.1", port))
    squatter.listen()
    return squatter


@pytest.mark.integration
def test_a_server_whose_port_was_taken_starts_on_fresh_ports(server):
    taken = server.port
    with _squat(taken):
        server.start()
    assert server.port != taken
    with server.client() as conn:
        assert conn.select_folder("INBOX")[b"EXISTS"] == 0


@pytest.mark.integration
def test_a_server_that_cannot_start_says_why(server):
    with _squat(server.port):
        with pytest.raises(RuntimeError, match="dovecot did not start") as failed:
            server.start(attempts=1)
    assert "(no log)" not in str(failed.value)  # dovecot's own complaint, from its stderr
