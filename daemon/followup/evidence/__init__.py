"""Evidence: verify the archive, export a case as a self-contained bundle, render its report.

bundlecheck.py is copied into every bundle as verify_bundle.py, so it stays stdlib-only and
imports nothing from followup.
"""
