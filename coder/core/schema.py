"""The project schema, as sqlite-utils Migrations.

Every table has an integer `id` so that the history can record any change as
(table, id, before, after) and undo or redo it generically. Add a new migration
function at the end to change the schema; never edit one that has shipped.
"""

from coder.core.sqlite_utils_import import Database
from coder.core.sqlite_utils_import import Migrations

MIGRATION_SET = "coder"
migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            value TEXT
        );
        CREATE TABLE coders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'report',
            text TEXT NOT NULL,
            length INTEGER NOT NULL,
            source_path TEXT,
            sha256 TEXT NOT NULL UNIQUE,
            imported_at TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'nb',
            memo TEXT
        );
        CREATE TABLE document_attributes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            name TEXT NOT NULL,
            value TEXT,
            UNIQUE (document_id, name)
        );
        -- segments keep a copy of their text and its lemmas (one per word, for
        -- search; the full-text index below was dropped in m003).
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL,
            speaker TEXT,
            label TEXT,
            text TEXT NOT NULL,
            lemmas TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX segments_document ON segments(document_id, start);
        CREATE VIRTUAL TABLE segments_fts USING fts5(
            text, lemmas, content='segments', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0'
        );
        CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN
            INSERT INTO segments_fts(rowid, text, lemmas)
            VALUES (new.id, new.text, new.lemmas);
        END;
        CREATE TRIGGER segments_ad AFTER DELETE ON segments BEGIN
            INSERT INTO segments_fts(segments_fts, rowid, text, lemmas)
            VALUES ('delete', old.id, old.text, old.lemmas);
        END;
        CREATE TRIGGER segments_au AFTER UPDATE ON segments BEGIN
            INSERT INTO segments_fts(segments_fts, rowid, text, lemmas)
            VALUES ('delete', old.id, old.text, old.lemmas);
            INSERT INTO segments_fts(rowid, text, lemmas)
            VALUES (new.id, new.text, new.lemmas);
        END;
        CREATE TABLE codes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL UNIQUE,
            description TEXT,
            colour TEXT,
            in_vivo INTEGER NOT NULL DEFAULT 0,
            creator TEXT,
            created_at TEXT NOT NULL,
            memo TEXT
        );
        CREATE TABLE codings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code_id INTEGER NOT NULL REFERENCES codes(id),
            document_id INTEGER NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            coder TEXT NOT NULL,
            created_at TEXT NOT NULL,
            memo TEXT,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX codings_document ON codings(document_id, start);
        CREATE INDEX codings_code ON codings(code_id);
        -- "code_groups": GROUPS is an SQL keyword.
        CREATE TABLE code_groups (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            number INTEGER NOT NULL UNIQUE,
            name TEXT NOT NULL,
            is_rest INTEGER NOT NULL DEFAULT 0,
            memo TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE group_members (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            group_id INTEGER NOT NULL REFERENCES code_groups(id),
            code_id INTEGER NOT NULL UNIQUE REFERENCES codes(id)
        );
        CREATE INDEX group_members_group ON group_members(group_id);
        CREATE TABLE themes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            number INTEGER NOT NULL UNIQUE,
            name TEXT NOT NULL,
            memo TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE theme_members (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            theme_id INTEGER NOT NULL REFERENCES themes(id),
            group_id INTEGER NOT NULL UNIQUE REFERENCES code_groups(id)
        );
        CREATE TABLE concepts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            memo TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE concept_groups (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            concept_id INTEGER NOT NULL REFERENCES concepts(id),
            group_id INTEGER NOT NULL REFERENCES code_groups(id),
            UNIQUE (concept_id, group_id)
        );
        -- The SDI tests (kodetest, konsepttest): their questions are data.
        CREATE TABLE check_questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            applies_to TEXT NOT NULL,          -- 'code' or 'concept'
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            prompt TEXT NOT NULL,
            position INTEGER NOT NULL,
            UNIQUE (applies_to, key)
        );
        CREATE TABLE checks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            applies_to TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            question_key TEXT NOT NULL,
            verdict TEXT NOT NULL,             -- 'passed', 'failed' or 'unchecked'
            coder TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (applies_to, entity_id, question_key)
        );
        -- Codings proposed by anchoring, waiting for the user to accept or reject.
        CREATE TABLE coding_proposals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code_id INTEGER NOT NULL REFERENCES codes(id),
            document_id INTEGER NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            score REAL NOT NULL,
            source TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX coding_proposals_code ON coding_proposals(code_id);
        -- The audit trail and the undo/redo stack. `changes` is zlib-compressed
        -- JSON: [[table, id, before, after], ...]. state: done, undone, dropped
        -- (undone, then superseded by a new action) or meta (an undo/redo record).
        CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            coder TEXT NOT NULL,
            action TEXT NOT NULL,
            object TEXT NOT NULL DEFAULT '',
            details TEXT NOT NULL DEFAULT '',
            changes BLOB,
            state TEXT NOT NULL DEFAULT 'done',
            ref INTEGER
        );
        CREATE INDEX history_state ON history(state, id);
        """
    )
    db["check_questions"].insert_all(
        [
            {"applies_to": "code", "key": "q1", "name": "Kodetest Q1",
             "prompt": "Could this code have been made before reading the data? "
                       "(It passes if it could not.)", "position": 1},
            {"applies_to": "code", "key": "q2", "name": "Kodetest Q2",
             "prompt": "Does the code say what was said, not only what was talked about?",
             "position": 2},
            {"applies_to": "concept", "key": "k1", "name": "Konsepttest",
             "prompt": "Is the concept abstract enough to hold apart from the specific "
                       "people, places and times of the study?", "position": 1},
        ]
    )



@migrations()
def m002_index_leaf_segments(db: Database) -> None:
    """Index only segments that carry lemmas. Ingest gives lemmas to the smallest
    segments (sentences, responses, turns without sentences), so a word is indexed
    once, not again in its paragraph and turn: half the index, no duplicate hits."""
    db.executescript(
        """
        DROP TRIGGER segments_ai;
        DROP TRIGGER segments_ad;
        DROP TRIGGER segments_au;
        CREATE TRIGGER segments_ai AFTER INSERT ON segments WHEN new.lemmas != '' BEGIN
            INSERT INTO segments_fts(rowid, text, lemmas)
            VALUES (new.id, new.text, new.lemmas);
        END;
        CREATE TRIGGER segments_ad AFTER DELETE ON segments WHEN old.lemmas != '' BEGIN
            INSERT INTO segments_fts(segments_fts, rowid, text, lemmas)
            VALUES ('delete', old.id, old.text, old.lemmas);
        END;
        CREATE TRIGGER segments_au AFTER UPDATE ON segments BEGIN
            INSERT INTO segments_fts(segments_fts, rowid, text, lemmas)
            SELECT 'delete', old.id, old.text, old.lemmas WHERE old.lemmas != '';
            INSERT INTO segments_fts(rowid, text, lemmas)
            SELECT new.id, new.text, new.lemmas WHERE new.lemmas != '';
        END;
        INSERT INTO segments_fts(segments_fts) VALUES ('delete-all');
        INSERT INTO segments_fts(rowid, text, lemmas)
            SELECT id, text, lemmas FROM segments WHERE lemmas != '';
        """
    )

@migrations()
def m003_drop_the_fts_index(db: Database) -> None:
    """Word searches run on a word index laid out in memory at the first search
    (coder/text/word_index.py), which finds every hit of a common word in milliseconds
    where the FTS5 index took half a second; nothing reads the FTS5 index any more, and
    building it was an import's longest step."""
    db.executescript(
        """
        DROP TRIGGER IF EXISTS segments_ai;
        DROP TRIGGER IF EXISTS segments_ad;
        DROP TRIGGER IF EXISTS segments_au;
        DROP TABLE IF EXISTS segments_fts;
        """
    )


@migrations()
def m004_search_index(db: Database) -> None:
    """The word search index again, kept in the file: a fresh process's first search
    then costs no index build (the in-memory word index of m003 took ~1 s per 10 MB).
    FTS5 over the indexed segments (those with lemmas), external content, kept right
    by triggers: every write to segments, undo and redo included (they replay rows),
    updates it in the same transaction. diacritics matter ("får" is not "far").
    segments_fts_terms lists each word's places (segment, column, word number): a hit's
    characters are then found in its segment's text (coder/core/search_index.py).
    documents_language lets a search read the main language without the texts."""
    db.executescript(
        """
        DROP TRIGGER IF EXISTS segments_ai;
        DROP TRIGGER IF EXISTS segments_ad;
        DROP TRIGGER IF EXISTS segments_au;
        DROP TABLE IF EXISTS segments_fts;
        CREATE VIRTUAL TABLE segments_fts USING fts5(
            text, lemmas, content='segments', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0'
        );
        CREATE VIRTUAL TABLE segments_fts_terms USING fts5vocab(segments_fts, instance);
        CREATE TRIGGER segments_ai AFTER INSERT ON segments WHEN new.lemmas != '' BEGIN
            INSERT INTO segments_fts(rowid, text, lemmas) VALUES (new.id, new.text, new.lemmas);
        END;
        CREATE TRIGGER segments_ad AFTER DELETE ON segments WHEN old.lemmas != '' BEGIN
            INSERT INTO segments_fts(segments_fts, rowid, text, lemmas)
            VALUES ('delete', old.id, old.text, old.lemmas);
        END;
        CREATE TRIGGER segments_au AFTER UPDATE ON segments BEGIN
            INSERT INTO segments_fts(segments_fts, rowid, text, lemmas)
            SELECT 'delete', old.id, old.text, old.lemmas WHERE old.lemmas != '';
            INSERT INTO segments_fts(rowid, text, lemmas)
            SELECT new.id, new.text, new.lemmas WHERE new.lemmas != '';
        END;
        INSERT INTO segments_fts(rowid, text, lemmas)
            SELECT id, text, lemmas FROM segments WHERE lemmas != '';
        CREATE INDEX documents_language ON documents(language);
        """
    )


@migrations()
def m005_codebook_positions(db: Database) -> None:
    """The order the researcher gave the codebook: a code's place in its group (or among
    the ungrouped codes) and a group's place in its theme. NULL until set: then the order
    they were placed there in (an import keeps its source's order)."""
    db.executescript(
        """
        ALTER TABLE codes ADD COLUMN position INTEGER;
        ALTER TABLE code_groups ADD COLUMN position INTEGER;
        """
    )


@migrations()
def m006_document_facts_beside_the_text(db: Database) -> None:
    """A document's length and names sit after its text in the row, so reading them
    walked the text's overflow pages (7.8 ms per coding on a 20 MB document). This
    covering index holds every column but the text; documents.py reads through it."""
    db.executescript(
        """
        CREATE INDEX documents_facts ON documents(
            id, name, kind, length, language, sha256, source_path, imported_at, memo);
        """
    )


@migrations()
def m007_history_wording(db: Database) -> None:
    """The history keeps what it says of an action's object and details as a wording (a
    message id and its values, coder/core/wording.py) beside the English text, so the log
    and the undo messages read in the reader's language. Rows written before say what
    their English text says where it is one of the known patterns (m007 reads them once);
    the rest keep their text. An undo's row reads its object as the undone action's."""
    import json

    from coder.core.wording import from_old_text
    conn = db.conn
    conn.execute("ALTER TABLE history ADD COLUMN wording TEXT")
    rows = conn.execute(
        "SELECT h.id, CASE WHEN h.state = 'meta' THEN coalesce(r.action, '') ELSE h.action END, "
        "h.action, h.object, h.details FROM history h LEFT JOIN history r ON r.id = h.ref").fetchall()
    updates = []
    for row_id, object_action, action, obj, details in rows:
        parts = {part: found.to_json() for part, found in (
            ("object", from_old_text(object_action, obj, "object") if obj else None),
            ("details", from_old_text(action, details, "details") if details else None)) if found}
        if parts:
            updates.append((json.dumps(parts, ensure_ascii=False), row_id))
    conn.executemany("UPDATE history SET wording = ? WHERE id = ?", updates)


@migrations()
def m008_segment_runs(db: Database) -> None:
    """Each document's run of segment ids, where its indexed segments' ids rise with
    their place in the text: a word search then orders its hits from these few rows
    instead of reading every segment's place (coder/core/search_index.py). Written by
    the import beside the segments; a document without a run (a merge's, or one whose
    ids do not follow the text) is ordered the old way. No foreign key: an undo of an
    import older than this migration leaves its run behind, naming ids that no longer
    exist (ids are never reused), which a search then never meets."""
    db.executescript(
        """
        CREATE TABLE segment_runs (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL,
            first INTEGER NOT NULL,
            last INTEGER NOT NULL
        );
        CREATE INDEX segment_runs_document ON segment_runs(document_id);
        """
    )
    from coder.core.segment_runs import runs_of_existing
    db.conn.executemany("INSERT INTO segment_runs (document_id, first, last) VALUES (?, ?, ?)",
                        runs_of_existing(db.conn))


# Tables whose rows make up a project's content (everything but the audit trail).
CONTENT_TABLES = (
    "settings", "coders", "documents", "document_attributes", "segments", "codes",
    "codings", "code_groups", "group_members", "themes", "theme_members", "concepts",
    "concept_groups", "check_questions", "checks", "coding_proposals", "segment_runs",
)

# Tables whose triggers feed the search index (m004).
INDEXED_TABLES = ("segments",)


def migration_names() -> list[str]:
    """Every migration this coder knows, in order. sqlite-utils has no public list of
    them (pending() on an empty database costs ~30 ms): this is the one place that
    reads its private one."""
    return [m.name for m in migrations._migrations]


def latest_version() -> int:
    return len(migration_names())
