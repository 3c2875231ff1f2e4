"""Errors the library raises, each with a message ready to show a user on one line.

The CLI translates every :class:`ProvenanceError` into ``Error: <message>`` on stderr and
exit status 1; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class ProvenanceError(Exception):
    """Base class: the message is one line, names the file, row or value at fault."""


class InputError(ProvenanceError):
    """A value given by the user (a figure, a date, an option) cannot be used."""


class ImportFileError(ProvenanceError):
    """A claims file cannot be imported; the message names the file and the row."""


class NotFoundError(ProvenanceError):
    """A claim, quantity, source or speaker named by the user does not exist."""


class DatabaseError(ProvenanceError):
    """The database cannot be used as it is (missing, behind, ahead, unreachable)."""
