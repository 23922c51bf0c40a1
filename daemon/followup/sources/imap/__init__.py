"""The IMAP source: INBOX, the Sent folder, the tag folder and any configured folders.

Checkpoint (JSON): {"folders": {name: {"uidvalidity", "last_uid", "highestmodseq"}}}.
A pass over one folder hands over

* messages whose flags changed since `highestmodseq` (CONDSTORE) and that now carry a
  keyword or Gmail label: that is how a `slipup` keyword set on an old message is seen.
  Messages whose only change is a system flag (\\Seen after reading) are not fetched
  again; a message that loses its last keyword is not handed over (the archive keeps the
  keywords it saw last);
* messages with a UID above `last_uid`, oldest first, in batches of `batch_size`.

`highestmodseq` advances only when the folder's pass is complete, so a pass cut short is
repeated: messages may come twice, never not at all. A UIDVALIDITY change voids every UID,
so the folder is read again from scratch (the archive dedupes by SHA-256).

Bodies are fetched with BODY.PEEK[] and folders are opened read-only (EXAMINE), so
nothing is marked \\Seen. `wait()` IDLEs on INBOX on a second connection.

Gmail (`gmail = true`, or "auto" and the server says X-GM-EXT-1): labels count as
keywords, the location carries X-GM-MSGID, and `find_thread` also searches All Mail.

The package, by concern:

    connection.py  ImapConnection: connect, TLS, login, folder selection, errors with their fix
    watching.py    ImapWatcher(ImapConnection): wait() by IDLE or STATUS polls
    source.py      ImapSource(ImapWatcher): fetch, find_thread, append; the sync of one folder
    keywords.py    which flags and Gmail labels count as keywords
"""

from followup.sources.imap.connection import SOCKET_TIMEOUT, ImapConnection
from followup.sources.imap.source import BATCH_SIZE, CHECKPOINT_VERSION, ImapSource
from followup.sources.imap.watching import EARLY_SLACK, IDLE_RENEW, POLL_INTERVAL, ImapWatcher

__all__ = ["BATCH_SIZE", "CHECKPOINT_VERSION", "EARLY_SLACK", "IDLE_RENEW", "POLL_INTERVAL", "SOCKET_TIMEOUT",
           "ImapConnection", "ImapSource", "ImapWatcher"]
