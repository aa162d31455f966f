"""The one error an input file can cause: its message names the file and the reason."""

from coder.core.errors import CoderError


class UnreadableFile(CoderError):
    pass
