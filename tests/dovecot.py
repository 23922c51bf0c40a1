"""A throwaway Dovecot IMAP server on loopback, one per test, and the `dovecot` fixture.

Everything (config, sockets, state, log, Maildirs, a self-signed certificate) lives in a
fresh directory under /tmp; nothing system-wide is read or written. Plain IMAP (with
STARTTLS) and IMAPS listen on free ports of 127.0.0.1. Works as root and as a normal user.

Install on Debian/Ubuntu: apt-get install -y dovecot-imapd (tests skip without it).

Why the odd settings (each one found the hard way, see shared recipes/NOTES.md):
* as root, imap-login refuses to run as root and mail processes refuse uid 0, so they
  run as `nobody`, and every parent directory of the mail needs o+x and g+x;
* not as root, chroot() fails, so helper services run without chroot;
* the master accepts TCP before imap-login can talk: ready means "* OK" was read.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from configs import config_mapping, imap_source

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
DOVEADM = shutil.which("doveadm") or "/usr/bin/doveadm"
SKIP_REASON = "dovecot is not installed (apt-get install -y dovecot-imapd)"
USERS = {"alice": "alice-secret-pw", "bob": "bob-secret-pw"}


def _free_ports(count: int) -> list[int]:
    """`count` distinct free ports: each probe stays bound until all are chosen, or the
    kernel may hand the same port out twice."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def _accounts() -> dict[str, str]:
    """Who runs what: root must hand mail and login to an unprivileged user."""
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        return {"internal": "root", "internal_group": "root", "login": "nobody",
                "uid": str(nobody.pw_uid), "gid": str(nobody.pw_gid)}
    me = pwd.getpwuid(os.getuid())
    group = grp.getgrgid(os.getgid()).gr_name
    return {"internal": me.pw_name, "internal_group": group, "login": me.pw_name,
            "uid": str(me.pw_uid), "gid": str(os.getgid())}


def _config_text(root: Path, port: int, tls_port: int, who: dict[str, str]) -> str:
    listeners = (
        f"  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n"
        f"  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {tls_port}\n    ssl = yes\n  }}\n"
    )
    special = "".join(
        f"  mailbox {name} {{\n    special_use = \\{name}\n    auto = subscribe\n  }}\n"
        for name in ("Sent", "Drafts", "Trash")
    )
    return f"""\
base_dir = {root}/run
state_dir = {root}/state
instance_name = followup-test-{port}
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
listen = 127.0.0.1
protocols = imap
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {who['internal']}
default_internal_group = {who['internal_group']}
default_login_user = {who['login']}
first_valid_uid = 1
last_valid_uid = 0
service anvil {{
  chroot =
}}
service ipc {{
  chroot =
}}
service imap-login {{
  chroot =
{listeners}}}
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={who['uid']} gid={who['gid']} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
{special}}}
mail_fsync = never
mailbox_idle_check_interval = 1 secs
"""


class Dovecot:
    """One server. `start()` may follow `kill()`: the mail survives, the ports stay."""

    host = "127.0.0.1"

    def __init__(self, users: dict[str, str] = USERS):
        self.users = dict(users)
        self.root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
        self.port, self.tls_port = _free_ports(2)
        self.cert = self.root / "cert.pem"
        self._proc: subprocess.Popen | None = None
        self._started = False  # once it has run, a restart keeps its ports (tests reconnect to them)
        self._prepare()

    def _prepare(self) -> None:
        who = _accounts()
        home = self.root / "home"
        home.mkdir()
        os.chown(home, int(who["uid"]), int(who["gid"]))
        if os.geteuid() == 0:  # `nobody` (keeping group 0) must traverse every parent
            for parent in [self.root, *self.root.parents][:-1]:
                mode = parent.stat().st_mode
                if mode & 0o011 != 0o011:
                    os.chmod(parent, mode | 0o011)
        (self.root / "users").write_text("".join(f"{u}:{{PLAIN}}{p}\n" for u, p in self.users.items()))
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(self.root / "key.pem"), "-out", str(self.cert)],
            check=True, capture_output=True,
        )
        self.conf = self.root / "dovecot.conf"
        self._write_conf()

    def _write_conf(self) -> None:
        self.conf.write_text(_config_text(self.root, self.port, self.tls_port, _accounts()))

    def start(self, timeout: float = 15.0, attempts: int = 3) -> Dovecot:
        """Run the server until it greets. A first start that fails (the server exits, most
        likely because another process took a port after we chose it, or it does not greet in
        time) is tried again on fresh ports; a restart keeps its ports and fails at once."""
        for attempt in range(1, attempts + 1):
            if self._greeted_in(timeout):
                self._started = True
                return self
            if self._started or attempt == attempts:
                break
            self.port, self.tls_port = _free_ports(2)
            self._write_conf()
        raise RuntimeError(f"dovecot did not start; its log:\n{self.log()}")

    def _greeted_in(self, timeout: float) -> bool:
        """Launch the server; False (and it is killed) if it exits or is silent for `timeout`."""
        with open(self.root / "dovecot.stderr", "ab") as stderr:
            self._proc = subprocess.Popen(
                [DOVECOT, "-F", "-c", str(self.conf)],
                stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not self._greets():
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self.kill(wait=False)  # the port may be another process's: no waiting for it to close
                return False
            time.sleep(0.02)
        return True

    def _greets(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1) as conn:
                conn.settimeout(2)
                return conn.recv(64).startswith(b"* OK")
        except OSError:
            return False

    def kill(self, wait: bool = True) -> None:
        """SIGKILL the whole process group: no goodbyes, like a crashed server; `wait` until
        its port refuses connections (orphaned children may hold it for a moment)."""
        if self._proc is None:
            return
        try:
            os.killpg(self._proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._proc.wait()
        self._proc = None
        (self.root / "run" / "master.pid").unlink(missing_ok=True)
        if wait:
            self._until_refused()

    def _until_refused(self, timeout: float = 10.0) -> None:
        """Children orphaned by the kill hold the listening socket for a moment."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection((self.host, self.port), timeout=1).close()
            except OSError:
                return
            time.sleep(0.02)
        raise RuntimeError(f"port {self.port} still accepts after dovecot was killed")

    def remove(self) -> None:
        self.kill()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        """Its log and what it said on stderr (where it reports a failure to start)."""
        parts = [path.read_text(errors="replace") for path in (self.root / "dovecot.log", self.root / "dovecot.stderr")
                 if path.exists() and path.stat().st_size]
        return "\n".join(parts) or "(no log)"

    def doveadm(self, *args: str) -> str:
        done = subprocess.run([DOVEADM, "-c", str(self.conf), *args], check=False, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"doveadm {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def trusting_context(self) -> ssl.SSLContext:
        """A client context that trusts this server's self-signed certificate."""
        return ssl.create_default_context(cafile=str(self.cert))

    def client(self, user: str = "alice"):
        """A second, independent connection (plain, on loopback) for arranging mail."""
        from imapclient import IMAPClient

        conn = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        conn.login(user, self.users[user])
        return conn


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    if DOVECOT is None:
        pytest.skip(SKIP_REASON)
    server = Dovecot()
    try:
        yield server.start()
    finally:
        server.remove()


def alice_source(server: Dovecot, **overrides) -> dict:
    """The [[sources]] entry for `alice` on `server` (STARTTLS unless overridden; None leaves
    a key out). The password comes from $IMAP_PW (see `imap_env`)."""
    return imap_source(server.host, **{"port": server.port, "tls": "starttls", "username": "alice",
                                       "password_env": "IMAP_PW", **overrides})


def imap_config(server: Dovecot, **overrides):
    """`alice_source(server, **overrides)` checked by the real config loader."""
    from followup.config import config_from_mapping

    mapping = config_mapping(archive=None, owners=["ann@ourfirm.example"], sources=[alice_source(server, **overrides)])
    return config_from_mapping(mapping, file=server.root / "followup.toml").sources[0]


def imap_env(server: Dovecot, user: str = "alice") -> dict[str, str]:
    return {"IMAP_PW": server.users[user]}
