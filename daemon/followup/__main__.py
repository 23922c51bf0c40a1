from followup.cli import entry

entry()
