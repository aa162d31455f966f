"""`Project`: the one way to read or change a coder project.

Each area of the project lives in its own mixin module; every changing method runs
inside `_action` (base.py), so it is one transaction with one undoable history row.
"""

from coder.core.autocode import AutocodeMixin
from coder.core.base import ProjectBase
from coder.core.bulk import BulkMixin
from coder.core.codebook import CodebookMixin
from coder.core.codes import CodesMixin
from coder.core.documents import DocumentsMixin
from coder.core.grouping import GroupingMixin
from coder.core.merge import MergeMixin
from coder.core.proposals import ProposalsMixin
from coder.core.sdi import SdiMixin
from coder.core.search import SearchMixin
from coder.core.team import TeamMixin


class Project(
    DocumentsMixin,
    CodesMixin,
    GroupingMixin,
    BulkMixin,
    CodebookMixin,
    MergeMixin,
    ProposalsMixin,
    SdiMixin,
    SearchMixin,
    TeamMixin,
    AutocodeMixin,
    ProjectBase,
):
    pass
