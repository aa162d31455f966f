"""Errors a user can cause. Each carries one line that names the file and the problem."""

import sqlite3

# What SQLite raises on a damaged, locked, read-only or vanished file, for the layers
# above core to catch without importing sqlite3; `coder.core.store.explain` words it.
StorageError = sqlite3.Error


class CoderError(Exception):
    """Base class: the message is shown to the user as it is."""


class NotAProject(CoderError):
    pass


class NewerVersion(CoderError):
    pass


class ProjectBusy(CoderError):
    pass


class NameCollision(CoderError):
    pass


class OffsetError(CoderError):
    pass


class NotFound(CoderError):
    pass


class NothingToUndo(CoderError):
    pass


class ReadOnly(CoderError):
    pass


class Damaged(CoderError):
    pass
