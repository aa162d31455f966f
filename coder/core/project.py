"""`Project`: the one way to read or change a coder project, composed of area services
that share one `Store` (coder/core/base.py):

    project.documents   documents, their text, segments and attributes
    project.codes       codes and codings
    project.grouping    kodegrupper, temaer, konsepter and the SDI check verdicts
    project.sdi         test questions, and coded spans and quotes for the SDI views
    project.search      word, phrase and regex search
    project.autocode    coding every hit of a search
    project.proposals   anchoring proposals waiting for a verdict
    project.codebook    codebook import and the GUIDs of exchanged items
    project.bulk        a whole project from another tool as one action
    project.merge       other coders' copies merged in
    project.team        several coders: names and settled disagreements
    project.settings    project settings
    project.history     undo, redo, the audit trail, other programs' changes

Every method that changes the project writes inside `store.action` (one transaction,
one history row that undo replays); one that reads first is marked `@writes`.
"""

from __future__ import annotations

from pathlib import Path

from coder.core import store
from coder.core.autocode import Autocode
from coder.core.base import Store
from coder.core.bulk import Bulk
from coder.core.codebook import Codebook
from coder.core.codes import Codes
from coder.core.documents import Documents
from coder.core.grouping import Grouping
from coder.core.merge import Merge
from coder.core.models import Counts
from coder.core.proposals import Proposals
from coder.core.sdi import Sdi
from coder.core.search import Search
from coder.core.settings import Settings
from coder.core.team import Team
from coder.core.undo import History
from coder.core.sqlite_utils_import import Database


class Project:
    def __init__(self, db: Database, path: Path, coder: str | None = None):
        self.store = Store(db, path, coder)
        self.path, self.db = path, db       # the project file and its connection, for good
        self.settings = Settings(self)
        self.history = History(self)
        self.documents = Documents(self)
        self.codes = Codes(self)
        self.grouping = Grouping(self)
        self.sdi = Sdi(self)
        self.search = Search(self)
        self.autocode = Autocode(self)
        self.proposals = Proposals(self)
        self.codebook = Codebook(self)
        self.bulk = Bulk(self)
        self.merge = Merge(self)
        self.team = Team(self)

    # ---- opening -------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, coder: str | None = None) -> Project:
        path = Path(path)
        return cls(store.create(path), path, coder)

    @classmethod
    def open(cls, path: str | Path, coder: str | None = None, create: bool = False) -> Project:
        path = Path(path)
        if create and not path.exists():
            return cls.create(path, coder)
        return cls(store.open_existing(path), path, coder)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- what every caller may ask -----------------------------------------------
    @property
    def coder(self) -> str:
        return self.store.coder

    @coder.setter
    def coder(self, name: str) -> None:
        """Who is working from now on (their name goes on every action)."""
        self.store.coder = name

    def snapshot(self):
        """Reads that must agree with each other, as one moment (see Store.snapshot)."""
        return self.store.snapshot()

    def counts(self) -> Counts:
        q = self.store.one
        with self.store.snapshot():
            return Counts(
                documents=q("SELECT count(*) FROM documents"),
                segments=q("SELECT count(*) FROM segments"),
                codes=q("SELECT count(*) FROM codes"),
                codings=q("SELECT count(*) FROM codings"),
                groups=q("SELECT count(*) FROM code_groups"),
                themes=q("SELECT count(*) FROM themes"),
                concepts=q("SELECT count(*) FROM concepts"),
                coders=q("SELECT count(*) FROM coders"),
                schema_version=store.schema_version(self.store.db),
            )
