"""Evidence: verify the archive, export a case as a self-contained bundle, render its report.

    verify.py       `followup verify`: every message's SHA-256 and the event chain
    export.py       `followup export`: choose what a bundle holds and write it
    disclosure.py   what each audience (client, internal) sees; the chain segment it gets
    formats.py      the bundle's file formats (mboxrd, CSV, JSON, manifest), pure
    report.py       report.html from report.html.j2 and report_words.toml
    bundlecheck.py  the checker shipped as verify_bundle.py

bundlecheck.py is copied into every bundle as verify_bundle.py, so it stays stdlib-only and
imports nothing from followup.
"""
