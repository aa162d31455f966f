"""Errors a user can cause. Each carries one line that names the file and the problem."""


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
