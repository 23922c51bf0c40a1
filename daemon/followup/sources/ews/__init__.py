"""The Exchange source (EWS, on-premises Exchange or Microsoft 365), through exchangelib.

Watched: Inbox, Sent Items and, when it exists, the tag folder (a folder named like
`tagging.tag_folder` under the Inbox or the top of the mailbox). Each is read with
SyncFolderItems; the checkpoint is the server's sync state per folder:

    {"version": 1, "folders": {"inbox": {"sync_state": "..."}, "sentitems": {...}, "tag": {...}}}

One SyncFolderItems page (at most `batch_size` changes) becomes one batch, whose checkpoint
is the state the server returned for that page, so a restart resumes after the last batch
the archive committed. A created item is handed over; an updated one only when it carries
an Outlook category now (that is how the category `slipup` set on an old message is seen);
read-flag changes and deletions are not. A sync state the server no longer accepts is
dropped and the folder read again (the archive skips what it has).

The bytes handed over are the item's MimeContent, as Exchange keeps it. The location names
the folder, the ItemId and the ConversationId, which links the thread on the server's side.

`wait()` uses a pull subscription on the watched folders (GetEvents every `pull_interval`
seconds: one small request, it stays open between waits like IMAP IDLE); a server that
refuses subscriptions is polled with SyncFolderItems instead.

exchangelib is imported in this package only, and only inside functions: the package is
loaded only when an ews source is configured.

The package, by concern:

    account.py   open_account: endpoint or autodiscover, credentials, TLS (shared with transports/ews.py)
    failures.py  what an exchangelib, OAuth or network error means, and its fix
    mailbox.py   EwsMailbox: the account on first use, the watched folders, one sync page, errors
    watching.py  EwsWatcher(EwsMailbox): wait() by pull subscription or SyncFolderItems polls
    source.py    EwsSource(EwsWatcher): fetch, find_thread, append; the sync of one folder
"""

from followup.sources.ews.account import M365_ENDPOINT, open_account
from followup.sources.ews.failures import describe_failure, failures
from followup.sources.ews.mailbox import BATCH_SIZE, INBOX, SENT, EwsMailbox
from followup.sources.ews.source import CHECKPOINT_VERSION, EwsSource, from_config
from followup.sources.ews.watching import PULL_INTERVAL, SUBSCRIPTION_MINUTES, EwsWatcher

__all__ = ["BATCH_SIZE", "CHECKPOINT_VERSION", "INBOX", "M365_ENDPOINT", "PULL_INTERVAL", "SENT",
           "SUBSCRIPTION_MINUTES", "EwsMailbox", "EwsSource", "EwsWatcher", "describe_failure", "failures",
           "from_config", "open_account"]
