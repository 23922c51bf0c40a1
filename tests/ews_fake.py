"""A local Exchange Web Services endpoint for tests: real HTTP on loopback, SOAP shaped
like Microsoft's documented examples, so the real exchangelib Account talks to it.

Operations: GetFolder, FindFolder, FindItem, GetItem (MimeContent only when asked, as on
Exchange), SyncFolderItems, CreateItem (SaveOnly / SendOnly / SendAndSaveCopy), UpdateItem
(categories, read flag), DeleteItem, Subscribe (pull), GetEvents, Unsubscribe. Anything else
is a SOAP fault, so a test that needs more fails loudly instead of passing by accident.

    with FakeExchange(users={"ann": "secret"}) as ews:
        ews.deliver(raw_bytes, "inbox")     # mail arrives, as the server would file it
        ews.sent                            # what went out: (MIME bytes, recipients)

Items keep their MIME bytes exactly; the fields Exchange derives from them (Subject,
InternetMessageId, InReplyTo, References, ConversationId) are read from the headers.

Why the stdlib server: exchangelib turns any non-200 answer that closes the connection
into "server busy", so a 401 must come over a kept-alive HTTP/1.1 connection.
"""

from __future__ import annotations

import base64
import itertools
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

from lxml import etree

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
T = "http://schemas.microsoft.com/exchange/services/2006/types"
M = "http://schemas.microsoft.com/exchange/services/2006/messages"
PATH = "/EWS/Exchange.asmx"
BUILD = (15, 1, 2507, 6)
DISTINGUISHED = {  # distinguished id -> (display name, parent)
    "root": ("Root", None),
    "msgfolderroot": ("Top of Information Store", "root"),
    "inbox": ("Inbox", "msgfolderroot"),
    "sentitems": ("Sent Items", "msgfolderroot"),
    "drafts": ("Drafts", "msgfolderroot"),
    "outbox": ("Outbox", "msgfolderroot"),
    "deleteditems": ("Deleted Items", "msgfolderroot"),
    "junkemail": ("Junk Email", "msgfolderroot"),
}


def t(tag: str) -> str:
    return f"{{{T}}}{tag}"


def m(tag: str) -> str:
    return f"{{{M}}}{tag}"


def sub(parent, tag: str, text: str | None = None, **attrs: str):
    element = etree.SubElement(parent, tag, {k: v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


@dataclass
class Item:
    id: str
    folder: str
    mime: bytes
    categories: list[str] = field(default_factory=list)
    is_read: bool = False
    is_draft: bool = False
    conversation: str = ""
    changekey: int = 1
    received: str = ""

    @property
    def headers(self):
        return BytesHeaderParser(policy=compat32).parsebytes(self.mime)

    def header(self, name: str) -> str:
        return " ".join(str(self.headers.get(name, "")).split())

    def references(self) -> list[str]:
        return [w for w in (self.header("References") + " " + self.header("In-Reply-To")).split() if "@" in w]


@dataclass
class Subscription:
    folders: set[str]
    seen: int  # last event number handed over


class FakeExchange:
    def __init__(self, users: dict[str, str] | None = None, *, notifications: bool = True):
        self.users = users  # None: any caller is accepted
        self.notifications = notifications
        self.lock = threading.RLock()
        self.folders = {f"F-{k}": {"name": v[0], "parent": v[1] and f"F-{v[1]}"} for k, v in DISTINGUISHED.items()}
        self.items: dict[str, Item] = {}
        self.log: list[tuple[int, str, str, str]] = []  # (number, change kind, folder, item id)
        self.numbers = itertools.count(1)
        self.subscriptions: dict[str, Subscription] = {}
        self.sent: list[tuple[bytes, list[str]]] = []
        self.operations: list[str] = []
        self.server: ThreadingHTTPServer | None = None
        self.port = 0  # kept over stop() and start(): a restarted server answers at the same address
        self.connections: set[socket.socket] = set()

    # -- the test's side -----------------------------------------------------------------

    def deliver(self, mime: bytes, folder: str = "inbox", categories: list[str] | None = None) -> str:
        """File a message as the server would; returns its ItemId."""
        with self.lock:
            return self._store(mime, self.folder_id(folder), categories=list(categories or []))

    def add_folder(self, name: str, parent: str = "inbox") -> str:
        with self.lock:
            fid = f"F-{uuid.uuid4().hex[:12]}"
            self.folders[fid] = {"name": name, "parent": self.folder_id(parent)}
            return fid

    def folder_id(self, name: str) -> str:
        if name in self.folders:
            return name
        if f"F-{name}" in self.folders:
            return f"F-{name}"
        return next(fid for fid, f in self.folders.items() if f["name"].casefold() == name.casefold())

    def in_folder(self, folder: str) -> list[Item]:
        fid = self.folder_id(folder)
        return [item for item in self.items.values() if item.folder == fid]

    def drop_subscriptions(self) -> None:
        """As when the server forgets subscriptions (restart, expiry)."""
        with self.lock:
            self.subscriptions.clear()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}{PATH}"

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> Self:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as IIS answers
            disable_nagle_algorithm = True  # else every answer waits for a delayed ACK

            def setup(self):
                super().setup()
                fake.connections.add(self.connection)

            def finish(self):
                fake.connections.discard(self.connection)
                super().finish()

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                status, headers, payload = fake.answer(self.path, self.headers.get("Authorization", ""), body)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is None:
            return
        self.server.shutdown()
        self.server.server_close()
        for conn in list(self.connections):  # kept-alive connections would go on being served
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- HTTP and SOAP -------------------------------------------------------------------

    def answer(self, path: str, authorization: str, body: bytes) -> tuple[int, dict, bytes]:
        if path != PATH:
            return 404, {}, b"Not Found"
        if not self._authorised(authorization):
            return 401, {"WWW-Authenticate": 'Basic realm="fake-exchange"'}, b"401 Unauthorized"
        operation = etree.fromstring(body).find(f"{{{SOAP}}}Body")[0]
        name = etree.QName(operation).localname
        handler = getattr(self, f"op_{name}", None)
        with self.lock:
            self.operations.append(name)
            if handler is None:
                return 500, {"Content-Type": "text/xml; charset=utf-8"}, self._fault(f"{name} is not faked")
            response = handler(operation)
        return 200, {"Content-Type": "text/xml; charset=utf-8"}, self._envelope(response)

    def _authorised(self, authorization: str) -> bool:
        if self.users is None:
            return True
        if not authorization.startswith("Basic "):
            return False
        user, _, password = base64.b64decode(authorization[6:]).decode().partition(":")
        return self.users.get(user) == password

    def _envelope(self, response) -> bytes:
        envelope = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"s": SOAP})
        header = sub(envelope, f"{{{SOAP}}}Header")
        major, minor, build, revision = BUILD
        etree.SubElement(header, t("ServerVersionInfo"), nsmap={"t": T}, MajorVersion=str(major),
                         MinorVersion=str(minor), MajorBuildNumber=str(build), MinorBuildNumber=str(revision),
                         Version="V2017_07_11")
        sub(envelope, f"{{{SOAP}}}Body").append(response)
        return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")

    @staticmethod
    def _fault(text: str) -> bytes:
        envelope = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"s": SOAP})
        fault = sub(sub(envelope, f"{{{SOAP}}}Body"), f"{{{SOAP}}}Fault")
        sub(fault, "faultcode", "a:ErrorInvalidRequest")
        sub(fault, "faultstring", text)
        return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")

    @staticmethod
    def _response(name: str):
        response = etree.Element(m(f"{name}Response"), nsmap={"m": M, "t": T})
        return response, sub(response, m("ResponseMessages"))

    @staticmethod
    def _message(messages, name: str, code: str = "NoError"):
        ok = code == "NoError"
        message = sub(messages, m(f"{name}ResponseMessage"), ResponseClass="Success" if ok else "Error")
        if not ok:
            sub(message, m("MessageText"), f"fake: {code}")
        sub(message, m("ResponseCode"), code)
        return message

    # -- the store -----------------------------------------------------------------------

    def _store(self, mime: bytes, fid: str, *, categories: list[str], draft: bool = False) -> str:
        iid = base64.b64encode(uuid.uuid4().bytes + uuid.uuid4().bytes).decode()
        item = Item(iid, fid, mime, categories, is_draft=draft, received=_now())
        item.conversation = self._conversation_of(item)
        self.items[iid] = item
        self._change("Create", fid, iid)
        return iid

    def _conversation_of(self, item: Item) -> str:
        """Exchange links a reply to its thread by the ids it names."""
        named = set(item.references()) | {item.header("Message-ID")}
        for other in self.items.values():
            if other.header("Message-ID") in named or named & set(other.references()):
                return other.conversation
        return base64.b64encode(uuid.uuid4().bytes).decode()

    def _change(self, kind: str, fid: str, iid: str) -> None:
        self.log.append((next(self.numbers), kind, fid, iid))

    def _folder_ids(self, parent) -> list[str]:
        found = []
        for element in parent:
            name = etree.QName(element).localname
            if name == "DistinguishedFolderId":
                found.append(f"F-{element.get('Id')}")
            elif name == "FolderId":
                found.append(element.get("Id"))
        return found

    def _folder_xml(self, parent, fid: str) -> None:
        folder = self.folders[fid]
        element = sub(parent, t("Folder"))
        sub(element, t("FolderId"), Id=fid, ChangeKey="AQAAAA==")
        if folder["parent"]:
            sub(element, t("ParentFolderId"), Id=folder["parent"], ChangeKey="AQAAAA==")
        sub(element, t("FolderClass"), "IPF.Note")
        sub(element, t("DisplayName"), folder["name"])
        inside = [i for i in self.items.values() if i.folder == fid]
        sub(element, t("TotalCount"), str(len(inside)))
        sub(element, t("ChildFolderCount"), str(sum(1 for f in self.folders.values() if f["parent"] == fid)))
        sub(element, t("UnreadCount"), str(sum(1 for i in inside if not i.is_read)))

    def _item_xml(self, parent, item: Item, *, mime: bool = False) -> None:
        message = sub(parent, t("Message"))
        if mime:
            sub(message, t("MimeContent"), base64.b64encode(item.mime).decode(), CharacterSet="UTF-8")
        sub(message, t("ItemId"), Id=item.id, ChangeKey=f"CQAAAB{item.changekey}")
        sub(message, t("ParentFolderId"), Id=item.folder, ChangeKey="AQAAAA==")
        sub(message, t("ItemClass"), "IPM.Note")
        sub(message, t("Subject"), item.header("Subject"))
        sub(message, t("DateTimeReceived"), item.received)
        sub(message, t("Size"), str(len(item.mime)))
        if item.categories:
            categories = sub(message, t("Categories"))
            for name in item.categories:
                sub(categories, t("String"), name)
        if item.header("In-Reply-To"):
            sub(message, t("InReplyTo"), item.header("In-Reply-To"))
        sub(message, t("IsDraft"), "true" if item.is_draft else "false")
        sub(message, t("ConversationId"), Id=item.conversation)
        sub(message, t("InternetMessageId"), item.header("Message-ID"))
        sub(message, t("IsRead"), "true" if item.is_read else "false")
        if item.header("References"):
            sub(message, t("References"), item.header("References"))

    # -- operations ----------------------------------------------------------------------

    def op_GetFolder(self, operation):
        response, messages = self._response("GetFolder")
        for fid in self._folder_ids(operation.find(m("FolderIds"))):
            if fid not in self.folders:
                self._message(messages, "GetFolder", "ErrorFolderNotFound")
                continue
            self._folder_xml(sub(self._message(messages, "GetFolder"), m("Folders")), fid)
        return response

    def op_FindFolder(self, operation):
        response, messages = self._response("FindFolder")
        restriction = operation.find(m("Restriction"))
        for fid in self._folder_ids(operation.find(m("ParentFolderIds"))):
            children = [c for c, f in self.folders.items() if f["parent"] == fid]
            if restriction is not None and len(restriction):
                children = [c for c in children if _matches(restriction[0], self._folder_values(c))]
            root = sub(self._message(messages, "FindFolder"), m("RootFolder"), TotalItemsInView=str(len(children)),
                       IncludesLastItemInRange="true")
            folders = sub(root, t("Folders"))
            for child in children:
                self._folder_xml(folders, child)
        return response

    def _folder_values(self, fid: str):
        return lambda name: [self.folders[fid]["name"]] if name == "DisplayName" else []

    def op_FindItem(self, operation):
        if _asks_for(operation, "item:MimeContent"):
            raise AssertionError("Exchange cannot return MimeContent from FindItem; use GetItem")
        response, messages = self._response("FindItem")
        restriction = operation.find(m("Restriction"))
        view = operation.find(m("IndexedPageItemView"))
        offset = int(view.get("Offset", "0")) if view is not None else 0
        limit = int(view.get("MaxEntriesReturned", "1000")) if view is not None else 1000
        for fid in self._folder_ids(operation.find(m("ParentFolderIds"))):
            found = [i for i in self.items.values() if i.folder == fid]
            if restriction is not None and len(restriction):
                found = [i for i in found if _matches(restriction[0], _item_values(i))]
            page = found[offset:offset + limit]
            root = sub(self._message(messages, "FindItem"), m("RootFolder"),
                       IndexedPagingOffset=str(offset + len(page)), TotalItemsInView=str(len(found)),
                       IncludesLastItemInRange="true" if offset + len(page) >= len(found) else "false")
            items = sub(root, t("Items"))
            for item in page:
                self._item_xml(items, item)
        return response

    def op_GetItem(self, operation):
        response, messages = self._response("GetItem")
        mime = _asks_for(operation, "item:MimeContent") or operation.findtext(f"{m('ItemShape')}/{t('BaseShape')}") == "AllProperties"
        for element in operation.find(m("ItemIds")):
            item = self.items.get(element.get("Id"))
            if item is None:
                self._message(messages, "GetItem", "ErrorItemNotFound")
                continue
            self._item_xml(sub(self._message(messages, "GetItem"), m("Items")), item, mime=mime)
        return response

    def op_CreateItem(self, operation):
        disposition = operation.get("MessageDisposition", "SaveOnly")
        saved = operation.find(m("SavedItemFolderId"))
        fid = self._folder_ids(saved)[0] if saved is not None else "F-drafts"
        response, messages = self._response("CreateItem")
        for message in operation.find(m("Items")):
            mime = base64.b64decode(message.findtext(t("MimeContent")) or "")
            if not mime:
                self._message(messages, "CreateItem", "ErrorInvalidRequest")  # this fake only takes MIME
                continue
            categories = [s.text for s in message.iterfind(f"{t('Categories')}/{t('String')}")]
            answer = sub(self._message(messages, "CreateItem"), m("Items"))
            if disposition in ("SendOnly", "SendAndSaveCopy"):
                self.sent.append((mime, _recipients(mime, message)))
            if disposition in ("SaveOnly", "SendAndSaveCopy"):
                iid = self._store(mime, fid, categories=categories, draft=disposition == "SaveOnly")
                if disposition == "SaveOnly":  # Exchange returns the id only when nothing was sent
                    reply = sub(answer, t("Message"))
                    sub(reply, t("ItemId"), Id=iid, ChangeKey="CQAAAB1")
        return response

    def op_UpdateItem(self, operation):
        response, messages = self._response("UpdateItem")
        for change in operation.find(m("ItemChanges")):
            item = self.items.get(change.find(t("ItemId")).get("Id"))
            if item is None:
                self._message(messages, "UpdateItem", "ErrorItemNotFound")
                continue
            kinds = {self._apply(item, update) for update in change.find(t("Updates"))}
            item.changekey += 1
            self._change("ReadFlagChange" if kinds == {"IsRead"} else "Update", item.folder, item.id)
            answer = sub(sub(self._message(messages, "UpdateItem"), m("Items")), t("Message"))
            sub(answer, t("ItemId"), Id=item.id, ChangeKey=f"CQAAAB{item.changekey}")
            sub(sub(messages[-1], m("ConflictResults")), t("Count"), "0")
        return response

    @staticmethod
    def _apply(item: Item, update) -> str:
        name = update.find(t("FieldURI")).get("FieldURI").split(":")[-1]
        setting = etree.QName(update).localname == "SetItemField"
        if name == "Categories":
            item.categories = [s.text for s in update.iter(t("String"))] if setting else []
        elif name == "IsRead":
            item.is_read = setting and update.findtext(f".//{t('IsRead')}") in ("true", "1")
        else:
            raise AssertionError(f"fake: updating {name} is not faked")
        return name

    def op_DeleteItem(self, operation):
        response, messages = self._response("DeleteItem")
        for element in operation.find(m("ItemIds")):
            item = self.items.pop(element.get("Id"), None)
            if item is None:
                self._message(messages, "DeleteItem", "ErrorItemNotFound")
                continue
            self._change("Delete", item.folder, item.id)
            self._message(messages, "DeleteItem")
        return response

    def op_SyncFolderItems(self, operation):
        fid = self._folder_ids(operation.find(m("SyncFolderId")))[0]
        response, messages = self._response("SyncFolderItems")
        since = _sync_number(operation.findtext(m("SyncState")), fid)
        if since is None:  # as in Microsoft's error example: empty state, the range "complete"
            refused = self._message(messages, "SyncFolderItems", "ErrorInvalidSyncStateData")
            sub(refused, m("DescriptiveLinkKey"), "0")
            sub(refused, m("SyncState"))
            sub(refused, m("IncludesLastItemInRange"), "true")
            return response
        limit = int(operation.findtext(m("MaxChangesReturned")) or "100")
        pending = [entry for entry in self.log if entry[0] > since and entry[2] == fid]
        page = pending[:limit]
        last = page[-1][0] if page else max([since] + [n for n, *_ in self.log])
        message = self._message(messages, "SyncFolderItems")
        sub(message, m("SyncState"), _sync_state(fid, last))
        sub(message, m("IncludesLastItemInRange"), "true" if len(page) == len(pending) else "false")
        changes = sub(message, m("Changes"))
        for _, kind, _, iid in page:
            item = self.items.get(iid)
            if item is None and kind != "Delete":
                continue  # created or changed, and deleted since: the Delete follows
            element = sub(changes, t(kind))
            if kind in ("Create", "Update"):
                self._item_xml(element, item)
            else:
                sub(element, t("ItemId"), Id=iid, ChangeKey="CQAAAB0")
                if kind == "ReadFlagChange":
                    sub(element, t("IsRead"), "true" if item.is_read else "false")
        return response

    def op_Subscribe(self, operation):
        response, messages = self._response("Subscribe")
        request = operation.find(m("PullSubscriptionRequest"))
        if not self.notifications or request is None:
            self._message(messages, "Subscribe", "ErrorInvalidSubscriptionRequest")
            return response
        sid = base64.b64encode(uuid.uuid4().bytes).decode()
        latest = max([0] + [n for n, *_ in self.log])
        self.subscriptions[sid] = Subscription(set(self._folder_ids(request.find(t("FolderIds")))), latest)
        message = self._message(messages, "Subscribe")
        sub(message, m("SubscriptionId"), sid)
        sub(message, m("Watermark"), _watermark(latest))
        return response

    def op_GetEvents(self, operation):
        response, messages = self._response("GetEvents")
        subscription = self.subscriptions.get(operation.findtext(m("SubscriptionId")))
        if subscription is None:
            self._message(messages, "GetEvents", "ErrorSubscriptionNotFound")
            return response
        previous = subscription.seen
        news = [e for e in self.log if e[0] > previous and e[2] in subscription.folders]
        subscription.seen = max([previous] + [n for n, *_ in self.log])
        notification = sub(self._message(messages, "GetEvents"), m("Notification"))
        sub(notification, t("SubscriptionId"), operation.findtext(m("SubscriptionId")))
        sub(notification, t("PreviousWatermark"), _watermark(previous))
        sub(notification, t("MoreEvents"), "false")
        if not news:
            sub(sub(notification, t("StatusEvent")), t("Watermark"), _watermark(subscription.seen))
        for number, kind, fid, iid in news:
            event = sub(notification, t({"Create": "CreatedEvent", "Delete": "DeletedEvent"}.get(kind, "ModifiedEvent")))
            sub(event, t("Watermark"), _watermark(number))
            sub(event, t("TimeStamp"), _now())
            sub(event, t("ItemId"), Id=iid, ChangeKey="CQAAAB0")
            sub(event, t("ParentFolderId"), Id=fid, ChangeKey="AQAAAA==")
        return response

    def op_Unsubscribe(self, operation):
        response, messages = self._response("Unsubscribe")
        found = self.subscriptions.pop(operation.findtext(m("SubscriptionId")), None)
        self._message(messages, "Unsubscribe", "NoError" if found else "ErrorSubscriptionNotFound")
        return response


# -- restrictions and helpers ---------------------------------------------------------------


def _item_values(item: Item):
    def values(name: str) -> list[str]:
        found = {
            "InternetMessageId": [item.header("Message-ID")],
            "InReplyTo": [item.header("In-Reply-To")],
            "References": [item.header("References")],
            "Subject": [item.header("Subject")],
            "Categories": list(item.categories),
            "ConversationId": [item.conversation],
            "IsRead": ["true" if item.is_read else "false"],
        }.get(name)
        if found is None:
            raise AssertionError(f"fake: restriction on {name} is not faked")
        return [v for v in found if v]

    return values


def _matches(node, values) -> bool:
    """Evaluate an EWS Restriction (And/Or/Not/IsEqualTo/IsNotEqualTo/Contains/Exists)."""
    kind = etree.QName(node).localname
    if kind == "And":
        return all(_matches(child, values) for child in node)
    if kind == "Or":
        return any(_matches(child, values) for child in node)
    if kind == "Not":
        return not _matches(node[0], values)
    name = node.find(t("FieldURI")).get("FieldURI").split(":")[-1]
    have = values(name)
    if kind == "Exists":
        return bool(have)
    constant = node.find(f".//{t('Constant')}").get("Value")
    if kind == "Contains":
        fold = "Ignore" in node.get("ContainmentComparison", "")
        norm = str.casefold if fold else str
        mode = node.get("ContainmentMode", "Substring")
        tests = {"FullString": lambda v: norm(v) == norm(constant),
                 "Prefixed": lambda v: norm(v).startswith(norm(constant))}
        return any(tests.get(mode, lambda v: norm(constant) in norm(v))(v) for v in have)
    if kind == "IsEqualTo":
        return constant in have
    if kind == "IsNotEqualTo":
        return constant not in have
    raise AssertionError(f"fake: restriction {kind} is not faked")


def _asks_for(operation, field_uri: str) -> bool:
    return any(e.get("FieldURI") == field_uri for e in operation.iter(t("FieldURI")))


def _recipients(mime: bytes, message) -> list[str]:
    headers = BytesHeaderParser(policy=compat32).parsebytes(mime)
    named = [a for _, a in getaddresses(headers.get_all("To", []) + headers.get_all("Cc", [])
                                        + headers.get_all("Bcc", []))]
    extra = [e.text for e in message.iter(t("EmailAddress"))]
    return list(dict.fromkeys(a for a in named + extra if a))


def _sync_state(fid: str, number: int) -> str:
    return base64.b64encode(f"fake-sync|{fid}|{number}".encode()).decode()


def _sync_number(state: str | None, fid: str) -> int | None:
    """The change number a sync state stands for; None when it is not this folder's."""
    if not state:
        return 0
    try:
        tag, folder, number = base64.b64decode(state).decode().split("|")
        return int(number) if (tag, folder) == ("fake-sync", fid) else None
    except ValueError:
        return None


def _watermark(number: int) -> str:
    return base64.b64encode(f"fake-watermark|{number}".encode()).decode()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- what the test suites share: the config, and harnesses for the contract suites -----------

PASSWORD = "correct horse battery staple"


def ews_config(fake: FakeExchange, **overrides):
    """An ews source config pointing at `fake`, basic auth, password in $FOLLOWUP_EWS_PASSWORD."""
    from followup.config import EwsSourceConfig

    settings = {
        "name": "exchange", "type": "ews", "service_endpoint": fake.url, "autodiscover": False,
        "primary_address": "ann@ourfirm.example", "auth_type": "basic", "tls_verify": True,
        "allow_plaintext_auth": True, "username": "ann", "password_env": "FOLLOWUP_EWS_PASSWORD",
        "password_command": None, "client_id": None, "tenant_id": None, "client_secret_env": None, "oauth2_token_command": None,
        "server_version": "15.1.2507.6", "tag_folder": "slipup",
    }
    settings.update(overrides)
    return EwsSourceConfig(**settings)


def ews_env(password: str = PASSWORD) -> dict[str, str]:
    return {"FOLLOWUP_EWS_PASSWORD": password}


class EwsSourceHarness:
    """tests/sources/contract.py's harness: mail is filed by the fake, the category is set
    by a second exchangelib client, as Outlook would (FindItem + UpdateItem)."""

    sent_folder = "Sent Items"

    def __init__(self, fake: FakeExchange):
        from followup.sources.ews import EwsSource, open_account

        self.fake = fake
        self.source = EwsSource(ews_config(fake), env=ews_env(), pull_interval=0.05)
        self._outlook = open_account(ews_config(fake), ews_env())

    def deliver(self, data: bytes, folder: str = "INBOX") -> None:
        self.fake.deliver(data, "inbox" if folder == "INBOX" else folder)

    def add_keyword(self, message_id: str, keyword: str) -> None:
        (item,) = self._outlook.inbox.filter(message_id=message_id)
        item.categories = [*(item.categories or []), keyword]
        item.save(update_fields=["categories"])

    def close(self) -> None:
        self.source.close()
        self._outlook.protocol.close()
