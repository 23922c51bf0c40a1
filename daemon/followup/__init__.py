"""followup: keep your word to a client after a slip-up."""

__version__ = "0.1.0"
