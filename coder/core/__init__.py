"""The project store. Everything above this package reaches the database through `Project`."""

from coder.core.errors import CoderError
from coder.core.models import NewDocument, NewSegment
from coder.core.project import Project
from coder.core.store import check_input_file

__all__ = ["Project", "CoderError", "NewSegment", "NewDocument", "check_input_file"]
