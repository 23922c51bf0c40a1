"""Build a mail set's <lang>.jsonl from its hand-written src/<lang>.txt and check every label.

    python bench/promises_eval/build_mail_set.py bench/promises_eval/mail_blind5 [LANG ...]

Written for mail_blind4 (eval13d), used unchanged for mail_blind5; eval13w adds two negative
categories, `routine` (rou) and `schedule` (sch).

Adapted from eval13c: body lines are hard-wrapped here (width 64-77, varying per email; a
fourth header field "nowrap" keeps an email unwrapped; quoted ">" lines are never touched),
anchors are stored whitespace-collapsed, a label inside a quoted line must be {N quo|...}
and vice versa, and a warning is printed for an anchor that may span two sentences.

Source format: '=== sent_at | from_name | subject' starts an email; the body follows.
Inline labels: {P cat due[@HH:MM]|text} for a promise, {N cat|text} for a negative;
the markers are stripped and 'text' becomes the anchor (an exact substring of the body).
due: YYYY-MM-DD, '-' (undated), +N (days), bdN (business days), mon..sun (next such
weekday after sent_at), nmon..nsun (that weekday of next week), eow (Friday this week),
eonw (Friday next week), eom (last day of month), D-M (next such day-month on/after sent_at).
"""
import calendar, datetime as dt, json, re, sys
from collections import Counter
from pathlib import Path

TZ = {"ca": "Europe/Madrid", "da": "Europe/Copenhagen", "en": "Europe/London",
      "nb": "Europe/Oslo", "sk": "Europe/Bratislava", "sv": "Europe/Stockholm"}
PCAT = {"pl": "plain", "wd": "dated-weekday", "dm": "dated-daymonth", "rel": "relative",
        "und": "undated", "obj": "object-first", "pas": "passive", "col": "colleague",
        "yw": "you-will-have", "dash": "after-dash-or-formula", "abbr": "abbreviation",
        "cad": "cadence"}
NCAT = {"ap": "apology-past", "ca": "colleague-absence", "req": "request",
        "cli": "client-action", "off": "offer", "hed": "hedge", "con": "conditional",
        "rep": "report", "tp": "third-party", "gp": "general-policy", "q": "question",
        "quo": "quoted", "rou": "routine", "sch": "schedule"}
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MARK = re.compile(r"\{([PN])\s+([a-z]+)(?:\s+([^|@\s]+))?(?:@(\d\d:\d\d))?\|(.*?)\}", re.S)


def resolve(expr: str, sent: dt.date) -> str | None:
    if expr == "-":
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", expr):
        return dt.date.fromisoformat(expr).isoformat()
    if m := re.fullmatch(r"\+(\d+)", expr):
        return (sent + dt.timedelta(int(m[1]))).isoformat()
    if m := re.fullmatch(r"bd(\d+)", expr):
        d, n = sent, int(m[1])
        while n:
            d += dt.timedelta(1)
            if d.weekday() < 5:
                n -= 1
        return d.isoformat()
    if expr in DAYS:
        delta = (DAYS.index(expr) - sent.weekday() - 1) % 7 + 1
        return (sent + dt.timedelta(delta)).isoformat()
    if expr[1:] in DAYS and expr[0] == "n":
        monday = sent - dt.timedelta(sent.weekday()) + dt.timedelta(7)
        return (monday + dt.timedelta(DAYS.index(expr[1:]))).isoformat()
    if expr == "eow":
        assert sent.weekday() <= 4, sent
        return (sent + dt.timedelta(4 - sent.weekday())).isoformat()
    if expr == "eonw":
        return (sent - dt.timedelta(sent.weekday()) + dt.timedelta(11)).isoformat()
    if expr == "eom":
        return sent.replace(day=calendar.monthrange(sent.year, sent.month)[1]).isoformat()
    if m := re.fullmatch(r"(\d+)-(\d+)", expr):
        d = dt.date(sent.year, int(m[2]), int(m[1]))
        if d < sent:
            d = d.replace(year=sent.year + 1)
        return d.isoformat()
    raise ValueError(f"bad due expression {expr!r}")


def trim(anchor: str, cat: str) -> str:
    """Keep a long marked span to 12 words (the part after the dash for 'dash')."""
    words = anchor.split()
    if len(words) <= 12:
        return anchor
    return " ".join(words[-12:] if cat == "dash" else words[:12])


HEAD = re.compile(r"\{[PN]\s+[a-z]+(?:\s+[^|@\s]+)?(?:@\d\d:\d\d)?\|")


def wrap(raw: str, width: int) -> str:
    """Hard-wrap long body lines at `width` visible characters, markers kept intact.

    Quoted ('>') lines are left as written. Marker heads are swapped for placeholders
    without spaces so that a label can never be split inside its head; the anchor text
    itself may cross a wrap (that is the point)."""
    heads: list[str] = []

    def hide(m: re.Match) -> str:
        heads.append(m[0])
        return f"\x00{len(heads) - 1}\x00"

    out = []
    for line in raw.split("\n"):
        if line.startswith(">"):
            out.append(line)
            continue
        hidden = HEAD.sub(hide, line)
        vis = lambda t: len(re.sub(r"\x00\d+\x00", "", t).replace("}", ""))
        if vis(hidden) <= width:
            out.append(line)
            continue
        cur, cur_len = [], 0
        for tok in hidden.split(" "):
            if cur and cur_len + 1 + vis(tok) > width:
                out.append(" ".join(cur))
                cur, cur_len = [], 0
            cur.append(tok)
            cur_len += vis(tok) + (1 if len(cur) > 1 else 0)
        out.append(" ".join(cur))
    text = "\n".join(out)
    return re.sub(r"\x00(\d+)\x00", lambda m: heads[int(m[1])], text)


def parse(lang: str, text: str) -> list[dict]:
    mails = []
    for n, chunk in enumerate(re.split(r"^=== ", text, flags=re.M)[1:], 1):
        head, _, raw = chunk.partition("\n")
        parts = [p.strip() for p in head.split("|", 3)]
        sent_at, name, subject = parts[:3]
        flags = parts[3] if len(parts) > 3 else ""
        sent = dt.datetime.fromisoformat(sent_at).date()
        raw = raw.strip("\n") + "\n"
        if "nowrap" not in flags:
            raw = wrap(raw, 64 + (n * 7) % 14)
        promises, negatives = [], []
        for m in MARK.finditer(raw):
            kind, cat, due, time, anchor = m.groups()
            anchor = trim(" ".join(anchor.split()), cat)
            line_start = raw.rfind("\n", 0, m.start()) + 1
            quoted = raw[line_start:m.start()].lstrip().startswith(">")
            assert quoted == (kind == "N" and cat == "quo"), (lang, n, "quoted mismatch", anchor)
            if kind == "P":
                p = {"anchor": anchor, "due": resolve(due, sent), "category": PCAT[cat]}
                if time:
                    p["time"] = time
                promises.append(p)
            else:
                assert due is None, (lang, n, anchor)
                negatives.append({"anchor": anchor, "category": NCAT[cat]})
        body = MARK.sub(lambda m: m[5], raw)
        assert "{" not in body and "}" not in body, (lang, n, body)
        for lab in promises + negatives:
            pos = " ".join(body.split()).find(lab["anchor"])
            if re.search(r"[.!?] [A-ZÅÆØÄÖÁČĎÉÍĽŇÓŠŤÚÝŽÀÈÒ]", lab["anchor"]):
                print(f"  WARN {lang}-{n:02d}: anchor may cross a sentence: {lab['anchor']!r}")
        mails.append({"id": f"{lang}-{n:02d}", "sent_at": sent_at, "tz": TZ[lang],
                      "from_name": name, "subject": subject, "body": body,
                      "promises": promises, "negatives": negatives})
    return mails


def check(mails: list[dict]) -> list[str]:
    """Independent check of the written JSONL: anchors, sizes, dates."""
    errs = []
    squash = lambda s: " ".join(s.split())
    for m in mails:
        dt.datetime.fromisoformat(m["sent_at"])
        body = squash(m["body"])
        for lab in m["promises"] + m["negatives"]:
            a = squash(lab["anchor"])
            if a not in body:
                errs.append(f"{m['id']}: anchor not in body: {a!r}")
            if not 5 <= len(a.split()) <= 12:
                errs.append(f"{m['id']}: anchor has {len(a.split())} words: {a!r}")
            if body.count(a) > 1:
                errs.append(f"{m['id']}: anchor ambiguous: {a!r}")
        sent = dt.datetime.fromisoformat(m["sent_at"]).date()
        for p in m["promises"]:
            assert p["category"] in PCAT.values()
            if p["due"] is not None:
                d = dt.date.fromisoformat(p["due"])
                if not sent <= d <= sent + dt.timedelta(120):
                    errs.append(f"{m['id']}: due {d} far from sent {sent}")
            if "time" in p:
                dt.time.fromisoformat(p["time"])
        for n in m["negatives"]:
            assert n["category"] in NCAT.values()
    return errs


def _raw_span(body: str, anchor: str) -> str:
    """The stretch of the raw body that the anchor covers (whitespace-flexible match)."""
    pat = r"\s+".join(re.escape(w) for w in anchor.split())
    m = re.search(pat, body)
    return m[0] if m else ""


def main() -> int:
    root = Path(sys.argv[1])
    bad = 0
    for lang in sys.argv[2:] or sorted(TZ):
        src = root / "src" / f"{lang}.txt"
        if not src.exists():
            continue
        mails = parse(lang, src.read_text(encoding="utf-8"))
        out = root / f"{lang}.jsonl"
        out.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in mails),
                       encoding="utf-8")
        reread = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
        errs = check(reread)
        bad += len(errs)
        pc = Counter(p["category"] for m in reread for p in m["promises"])
        nc = Counter(n["category"] for m in reread for n in m["negatives"])
        print(f"{lang}: {len(reread)} emails, {sum(pc.values())} promises, {sum(nc.values())} negatives,"
              f" {sum(p['due'] is not None for m in reread for p in m['promises'])} dated")
        print("   P:", dict(sorted(pc.items())))
        print("   N:", dict(sorted(nc.items())))
        cross = sum("\n" in _raw_span(m["body"], p["anchor"]) for m in reread for p in m["promises"] + m["negatives"])
        wrapped = sum(any(len(l) > 0 and not l.startswith(">") and len(l) >= 55 for l in m["body"].splitlines()) and
                      max(len(l) for l in m["body"].splitlines()) <= 80 for m in reread)
        quoted = sum(any(n["category"] == "quoted" for n in m["negatives"]) for m in reread)
        zero = sum(not m["promises"] for m in reread)
        print(f"   anchors crossing a line break: {cross}; hard-wrapped emails: {wrapped};"
              f" with quote: {quoted}; without promises: {zero}")
        low = [c for c in list(PCAT.values()) + list(NCAT.values()) if (pc | nc)[c] < 3]
        if low:
            print("   under 3:", low)
        for e in errs:
            print("  ERR", e)
    print("errors:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
