"""Schedule: when a case's next update may go out.

    cadence.py   due-time arithmetic: cadences, business days, send windows, holidays
    due.py       a case's next update and missed slots, from its record and its settings
    window.py    send windows ("Mon-Fri 09:00-17:00"): SendWindow and its parser
    settings.py  one resolver of a client's effective settings (the client's own, else [defaults])

Cadence phrases in mail text are read by promises/cadences.py, with the other promise language.
"""
