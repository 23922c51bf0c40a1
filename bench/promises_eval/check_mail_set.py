"""Independent check of a mail set's JSONL (no builder code): JSON, anchors, dates, weekdays.

    python bench/promises_eval/check_mail_set.py bench/promises_eval/mail_blind5
"""
import datetime as dt, json, re, sys
from pathlib import Path

WEEKDAYS = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "sv": ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
    "nb": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "da": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "ca": ["dilluns", "dimarts", "dimecres", "dijous", "divendres", "dissabte", "diumenge"],
    "sk": ["pondel", "utor", "stred", "štvrt", "piatk|piatok", "sobot", "nedeľ"],
}
MONTHS = {
    "en": "jan feb mar apr may jun jul aug sep oct nov dec",
    "sv": "jan feb mars apr maj jun jul aug sep okt nov dec",
    "nb": "jan feb mars apr mai jun jul aug sep okt nov des",
    "da": "jan feb marts apr maj jun jul aug sep okt nov dec",
    "ca": "gen febr març abr maig juny jul ag set oct nov des",
    "sk": "január február marc apríl máj jún júl august septembr októbr novembr decembr",
}
squash = lambda s: " ".join(s.split())
errors = n = 0
for f in sorted(Path(sys.argv[1]).glob("*.jsonl")):
    lang = f.stem
    for line_no, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
        m = json.loads(line)
        n += 1
        sent = dt.datetime.fromisoformat(m["sent_at"]).date()
        body = squash(m["body"])
        for lab in m["promises"] + m["negatives"]:
            a = squash(lab["anchor"])
            if a not in body or not 5 <= len(a.split()) <= 12:
                errors += 1
                print(f"{m['id']}: bad anchor {a!r}")
        for p in m["promises"]:
            if p["due"] is None:
                continue
            due = dt.date.fromisoformat(p["due"])
            if due < sent:
                errors += 1
                print(f"{m['id']}: due {due} before sent {sent}")
            low = p["anchor"].lower()
            for i, stem in enumerate(MONTHS[lang].split()):
                for d in re.findall(r"(\d{1,2})\.?\s+(?:de\s+|d')?" + stem, low):
                    if (int(d), i + 1) != (due.day, due.month):
                        errors += 1
                        print(f"{m['id']}: anchor says {d} {stem} but due {due}")
            named = [i for i, w in enumerate(WEEKDAYS[lang]) if re.search(r"\b(?:" + w + ")", low)]
            if named and due.weekday() not in named:
                errors += 1
                print(f"{m['id']}: anchor names {named} but due {due} is weekday {due.weekday()}")
print(f"{n} emails checked, {errors} errors")
sys.exit(1 if errors else 0)
