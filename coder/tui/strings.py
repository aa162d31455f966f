"""Every piece of text the app shows, in one place, through the nb/en catalogue.

Use it as `S.NAME`: the constants below are catalogue msgids (English); reading `S.NAME`
gives the text in the current language, worked out at that moment, so a language switch
shows at the next redraw. `S.msgid.NAME` gives the msgid itself, for what is translated
later where it is shown (binding descriptions: the footer, help and palette translate
them). Texts with a count are functions with a real plural (`S.quotes(n)`)."""

from __future__ import annotations

from typing import Any

from coder.i18n import N_, _, ngettext

TITLE = "coder"

# ---- panes -----------------------------------------------------------------------
DOCUMENTS = N_("Documents")
CODES = N_("Codes")
FILTER_DOCUMENTS = N_("Filter documents (name, attribute or key=value)")
FILTER_CODES = N_("Filter codes")
COL_NAME = N_("Name")
COL_KIND = N_("Kind")
COL_CODED = N_("Coded")
COL_CODINGS = "n"
COL_KEY = "#"
COL_CODE = N_("Code")
COL_COUNT = "n"
SORT_LABEL = N_("by {order} (o)")
SORT_ORDERS = {"recent": N_("recent use"), "name": N_("name"), "count": N_("count")}
NO_DOCUMENT = N_("No document open. Import one with i, or choose one on the left.")

# ---- status line -----------------------------------------------------------------
STATUS_POSITION = N_("{name} · line {line}/{lines}")
STATUS_SELECTION = N_("selected {start}–{end} ({words})")
STATUS_CODES_HERE = N_("here: {codes}")
STATUS_FILTER = N_("showing {who}")

# ---- bindings (the help screen and the footer show these) ------------------------
KEY_LEFT = N_("Cursor left")
KEY_RIGHT = N_("Cursor right")
KEY_UP = N_("Cursor up")
KEY_DOWN = N_("Cursor down")
KEY_EXTEND = N_("Extend the selection")
KEY_WORD = N_("Cursor by word")
KEY_EXTEND_WORD = N_("Extend the selection by word")
KEY_HOME = N_("Start of line")
KEY_END = N_("End of line")
KEY_PAGE = N_("Page up / down")
KEY_DOC_EDGE = N_("Start / end of document")
KEY_SENTENCE = N_("Sentence")
KEY_SEGMENT = N_("Select segment (again: extend)")
KEY_SWAP = N_("Swap the selection's ends")
KEY_CLEAR = N_("Clear the selection")
KEY_NEXT_CODING = N_("Next coding")
KEY_PREV_CODING = N_("Previous coding")
KEY_CODE = N_("Code")             # the verb; bokmål "Kode" reads as one too (infinitive, as "Lagre")
KEY_INVIVO = N_("In vivo")
KEY_RECENT = N_("Apply recent code 1–9")
KEY_REMOVE = N_("Uncode")
KEY_RESIZE = N_("Set coding to selection")
KEY_MEMO_CODING = N_("Memo on coding")
KEY_MEMO_CODE = N_("Memo on code")
KEY_UNDO = N_("Undo")
KEY_REDO = N_("Redo")
KEY_SEARCH = N_("Search")
KEY_IMPORT = N_("Import")
KEY_CODERS = N_("Coders shown")
KEY_HELP = N_("Help")
KEY_QUIT = N_("Quit")
KEY_SCREEN_CODING = N_("Coding")
KEY_SCREEN_CODEBOOK = N_("Codebook")
KEY_SCREEN_REVIEW = N_("Review")
KEY_DISAGREEMENTS = N_("Disagreements between coders")
KEY_SORT = N_("Sort codes")
KEY_FOCUS_DOCUMENTS = N_("Documents")
KEY_FOCUS_CODES = N_("Codes")
KEY_FOCUS_READER = N_("Reader")
KEY_PALETTE = N_("Commands")

# ---- messages --------------------------------------------------------------------
SELECT_FIRST = N_("Select some text first (shift+arrows, s for a sentence, or drag).")
NO_CODING_HERE = N_("No coding at the cursor. Jump to one with n.")
NO_RECENT = N_("No code on key {n} yet.")
CODED = N_("Coded with «{code}».")
REMOVED = N_("Removed the coding «{code}».")
RESIZED = N_("The coding «{code}» now spans {start}–{end}.")
MEMO_SAVED = N_("Memo saved.")
UNDONE = N_("Undone: {action} {object}")
OUTSIDE_CHANGE = N_("{action} {object} by {coder}")
OUTSIDE_NOT_UNDONE = N_("Not undone: the project changed first (shown now). Press again to {verb} «{action} {object}».")
VERB_UNDO = N_("undo")
VERB_REDO = N_("redo")
REDONE = N_("Redone: {action} {object}")
NO_CODE_CHOSEN = N_("Choose a code in the code list, or put the cursor in a coding.")
LANGUAGE_SET = N_("The app now speaks English.")

# ---- the code palette ------------------------------------------------------------
PALETTE_TITLE = N_("Code {start}–{end}: type to find a code, or a new code's text")
PALETTE_PLACEHOLDER = N_("Code text")
PALETTE_CREATE = N_("+ new code «{text}»")
PALETTE_CLOSE = N_("Close to an existing code: «{code}» ({score:.0f} %). Enter again to create anyway.")
PALETTE_HINT = N_("↑↓ choose · enter apply · escape cancel")
PALETTE_COUNT = "· {n}"

# ---- dialogs ---------------------------------------------------------------------
INVIVO_TITLE = N_("In vivo code (edit, then enter)")
MEMO_CODING_TITLE = N_("Memo on the coding «{code}»")
MEMO_CODE_TITLE = N_("Memo on the code «{code}»")
MEMO_HINT = N_("ctrl+s save · escape cancel")
PICKER_PLACEHOLDER = N_("type to filter")
PICKER_HINT = N_("↑↓ choose · enter pick · escape cancel")
QUOTES_HINT = N_("enter jump to the quote · escape close")
QUOTE_LINE = "{document} · {informant}"
NO_INFORMANT = "—"
HELP_TITLE = N_("Keys")
HELP_HINT = N_("s selects the sentence at the cursor, pressed again it extends by a sentence; "
               "x removes the coding at the cursor · escape close · ctrl+p every action by name")
HELP_SECTIONS = {"app": N_("Everywhere"), "reader": N_("In the reader"), "codes": N_("In the code list"),
                 "palette": N_("In the code palette"), "screens": N_("Screens")}
CODERS_TITLE = N_("Whose codings to show")
CODERS_COLOUR = N_("Colour the margin by coder")
CODERS_HINT = N_("space toggle · enter apply · escape cancel")

# ---- command palette (ctrl+p): action → (title, what it does; its key is added) ----
COMMANDS = {
    "code": (N_("Code the selection"), N_("Apply an existing code or create one")),
    "invivo": (N_("In vivo code from the selection"), N_("The selected words without fillers")),
    "remove_coding": (N_("Remove the coding at the cursor"), ""),
    "resize_coding": (N_("Set the coding's span to the selection"), ""),
    "memo_coding": (N_("Memo on the coding"), ""),
    "memo_code": (N_("Memo on the code"), ""),
    "undo": (N_("Undo"), ""),
    "redo": (N_("Redo"), ""),
    "coders": (N_("Choose whose codings to show"), ""),
    "mine": (N_("Show only my codings"), ""),
    "all_coders": (N_("Show all coders' codings"), ""),
    "next_coding": (N_("Jump to the next coding"), ""),
    "previous_coding": (N_("Jump to the previous coding"), ""),
    "select_sentence": (N_("Select the sentence at the cursor"), ""),
    "quotes": (N_("Quotes of the code"), N_("Enter in the code list")),
    "help": (N_("Keys"), ""),
    "focus_documents": (N_("Go to the documents"), ""),
    "focus_codes": (N_("Go to the codes"), ""),
    "focus_reader": (N_("Go to the reader"), ""),
    "search": (N_("Search the corpus"), ""),
    "import_files": (N_("Import files or a folder"), ""),
    "disagreements": (N_("Disagreements between coders"), N_("Passages coded by one coder and not another")),
    "codebook": (N_("Codebook: code groups, themes, concepts, code test"), ""),
    "review": (N_("Review: theme tree, matrix, co-occurrence, bars"), ""),
    "coding": (N_("Back to coding"), ""),
    "language_nb": (N_("Norsk: the app in Norwegian (bokmål)"), N_("Language")),
    "language_en": (N_("English: the app in English"), N_("Language")),
}
# Textual's own commands, by their English titles.
SYSTEM_COMMANDS = {"Theme": (N_("Colour theme"), N_("Change the colour theme")),
                   "Quit": (N_("Quit"), N_("Quit the app")),
                   "Keys": (N_("Keys"), N_("Every key of this screen")),
                   "Maximize": (N_("Maximize"), N_("Maximize the focused pane")),
                   "Minimize": (N_("Minimize"), N_("Back to the normal size")),
                   "Screenshot": (N_("Screenshot"), N_("Save an SVG picture of the screen"))}
PALETTE_SEARCH = N_("Search for commands…")

# ---- search ----------------------------------------------------------------------
SEARCH_TITLE = N_("Search the corpus (words also match their inflections)")
SEARCH_PLACEHOLDER = N_('words, "a phrase", prefix*')
SEARCH_REGEX = N_("regular expression")
SEARCH_HINT = N_("enter search / jump · c code this hit · a autocode all hits · / edit query · escape close")
SEARCH_CODE_HIT = N_("Code this hit")
SEARCH_AUTOCODE = N_("Autocode all")
SEARCH_UNIT = N_("Unit")
SEARCH_EDIT = N_("Edit the query")
UNITS = {"match": N_("the matched words"), "sentence": N_("their sentence"), "segment": N_("their segment")}

# ---- import ----------------------------------------------------------------------
IMPORT_TITLE = N_("Import a file or a folder (.txt .md .docx .odt .pdf .csv .xlsx)")
IMPORT_PLACEHOLDER = N_("Path to a file or folder")
IMPORT_HINT = N_("enter on a file or folder puts it in the field · enter in the field imports · escape cancel")
IMPORT_MISSING = N_("{path}: no such file or folder")
IMPORT_PROGRESS = N_("Importing {name} ({done}/{total})")

# ---- disagreements between coders ---------------------------------------------------
DIS_TITLE = N_("Disagreements between {coders}")
DIS_NO_CODERS = N_("Disagreements need codings by two or more coders; this project has {n}.")
DIS_NONE_LEFT = N_("No disagreements left between these coders.")
DIS_CODE_LINE = "  {code}  ({n})"
DIS_ITEM_LINE = "{document} {start}–{end}: "
DIS_ONLY = N_("{coders} only {start}–{end}")
DIS_SIDE_LINE = "{key} {coder}: "
DIS_NOT_CODED = N_("not coded")
DIS_KEPT = N_("Kept {side} for «{code}» in {document}.")
DIS_BOTH = N_("both")
DIS_KEY_KEEP = N_("Keep coder 1–9's side")
DIS_KEY_BOTH = N_("Keep both")
DIS_KEY_BACK = N_("Back")
DIS_KEY_UNIT = N_("Next unit")
DIS_KEY_EXPORT = N_("Export the table")
DIS_GROUP_LINE = "{group} — {figures}"
DIS_NO_GROUP = N_("Not in a code group (not in the group figures)")
DIS_FIGURES = N_("{agreement} agree · κ {kappa} · α {alpha} · {counts}")
DIS_OVERALL = N_("Per code group, unit {unit}: {figures}")
DIS_NO_FIGURES = N_("Per code group, unit {unit}: no figures ({reason})")
DIS_EXPORT_TITLE = N_("Write the code group comparison table (unit {unit}, per document) to a .csv or .xlsx file:")
DIS_EXPORTED = N_("Wrote the code group comparison (unit {unit}) to {path}.")
DIS_OWN_FILE = N_("{path}: is the project's own file; choose another name")
DIS_REST = N_("Rest group: {name}")
DIS_GROUP = N_("Group {number}: {name}")
DIS_UNITS = {"character": N_("character"), "sentence": N_("sentence"), "paragraph": N_("paragraph"),
             "turn": N_("turn"), "document": N_("document")}


# ---- the codebook and review screens ---------------------------------------------

UNGROUPED = N_("Ungrouped codes")
STRUCTURE = N_("Themes, code groups, concepts")
NO_THEME = N_("Groups without a theme")
CONCEPTS = N_("Concepts")
RESTGRUPPE = N_("rest group")
GROUP_NAME = N_("Group {number} {name}")
THEME_NAME = N_("Theme {number} {name}")
PROGRESS = N_("Grouping test: {grouped} of {codes} codes grouped ({pct} %)")
KODETEST = N_("Code test: {passed} passed · {failed} failed · {unchecked} unchecked · {flagged} flagged")
ALL_GROUPED = N_("every code sits in a group")
REST_SHARE = N_(" · rest group {rest} of {codes} ({pct} %)")
REST_TOO_LARGE = N_(" ⚠ over {max} %")
NO_GUIDE = N_(" · no interview guide: no guide check")
GROUP_FLAGGED = N_("⚑ bare topic")
# A flag's reason (sdi.Flag.reason, a key) as the short word shown after ⚑ in a code's row
FLAG_REASONS = {"topic": N_("topic"), "guide": N_("guide"), "group_topic": N_("bare topic")}
VERDICT_MARK = {"passed": "✓", "failed": "✗", "unchecked": "·"}
VERDICTS = {"passed": N_("passed"), "failed": N_("failed"), "unchecked": N_("unchecked")}
CONCEPT_GROUPS = N_("groups {numbers}")
MEMO_LINE = N_("Memo: {memo}")
NOT_A_NUMBER = N_("«{answer}» is not a number")
KINDS = {"code": N_("code"), "group": N_("group"), "theme": N_("theme"), "concept": N_("concept")}

NEW_GROUP = N_("Name of the new group (starts as the code's text; say the essence of its codes)")
TO_UNGROUPED = N_("(back to ungrouped)")
RENAME = N_("New name")
RENUMBER = N_("New number for {what} (numbers are stable: only renumber on purpose)")
MERGE_INTO = N_("Merge «{text}» into … (its codings move; the history records it)")
NO_THEME_CHOICE = N_("(no theme)")
MEMO = N_("Memo on {what}")
FIND_CODE = N_("Go to code …")
FIND_FLAGGED = N_("Go to a code the code test flags (it names a topic, or is close to a guide question) …")
PICK_QUESTION = N_("Which test question to reword?")
EDIT_QUESTION = N_("The prompt of «{name}»")
DUPLICATES = N_("Near-duplicate codes (score ≥ {threshold}): pick a pair to merge the second into the first")
DUPLICATE_THRESHOLD = N_("Lowest similarity (0–100) at which two codes are offered for merging; above 100 turns it off")
BAD_THRESHOLD = N_("«{value}» is not a score from 0 to 101")
NO_DUPLICATES = N_("No near-duplicate codes at score ≥ {threshold}")
PICK_CODES = N_("Mark codes with space, or put the cursor on one")
PICK_GROUPS = N_("Mark groups with space, or put the cursor on one")
SPLIT_ONE_GROUP = N_("Mark codes of one group (open it with enter) to split them off")
NOT_HERE = N_("Put the cursor on a code, group, theme or concept")

QUOTES_HIDDEN = N_("v shows the quotes")
QUOTE_WITH_TEXT = N_("«{text}» — {document}{informant}")

REVIEW_TREE = N_("Tree")
REVIEW_MATRIX = N_("Matrix")
REVIEW_COOCCURRENCE = N_("Co-occurrence")
REVIEW_BARS = N_("Quotes per theme and group")
MATRIX_HELP = N_("rows: {rows} · columns: {columns} — r switches rows, c cycles columns, enter opens a cell")
COOC_HELP = N_("Codes that code overlapping passages within: {scope}")
COOC_NONE = N_("No overlapping codings in this scope")
COL_CODE_LOWER = N_("code")
BARS_THEMES = N_("Themes")
BARS_GROUPS = N_("Code groups")
ROOT = N_("Codebook")
QUOTES_IN_THEMES = N_("{root} — {quotes} in themes")
MATRIX_ROWS = {"theme": N_("theme"), "group": N_("group")}
MATRIX_DOCUMENT = N_("document")

# ---- the codebook screen's keys ----------------------------------------------------
CB_GROUP = N_("Group")
CB_MOVE = N_("Move")
CB_REST = N_("Rest group")
CB_RENAME = N_("Rename")
CB_RENUMBER = N_("Renumber")
CB_MERGE = N_("Merge")
CB_SPLIT = N_("Split")
CB_THEME = N_("Theme")
CB_TO_THEME = N_("To theme")
CB_CONCEPT = N_("Concept")
CB_LINK = N_("Link concept")
CB_MEMO = N_("Memo")
CB_DUPLICATES = N_("Duplicates")
CB_THRESHOLD = N_("Duplicate threshold")
CB_QUOTES = N_("Quotes")
CB_FIND = N_("Find code")
CB_FLAGGED = N_("Flagged")
CB_QUESTION = N_("Edit test question")
CB_DELETE = N_("Delete")
CB_TEST = N_("Test")
REVIEW_ROWS = N_("Rows: theme/group")
REVIEW_COLUMNS = N_("Columns")
REVIEW_REFRESH = N_("Refresh")
LIST_UP = N_("Up")
LIST_DOWN = N_("Down")
LIST_PAGE_UP = N_("Page up")
LIST_PAGE_DOWN = N_("Page down")
LIST_FIRST = N_("First")
LIST_LAST = N_("Last")
LIST_MARK = N_("Mark")
LIST_OPEN = N_("Open")


# ---- the coding screen a researcher trusts all day (#16) ---------------------------
PALETTE_NEAR = N_("Close to an existing code: «{code}» ({score:.0f} %). Enter creates the new code anyway.")
PALETTE_FOR = N_("Code «{quote}»: type to find a code, or a new code's text")
IMPORT_STARTING = N_("Importing {name} …")
KEY_BACK = N_("Back")
KEY_PICK_FLAGGED = N_("Pick a flagged code")
KEY_TABS = N_("Show tab 1 tree, 2 matrix, 3 co-occurrence, 4 bars")
NONE_FLAGGED = N_("No code is flagged by the kodetest.")
HELP_THIS_SCREEN = N_("On this screen")
QUOTE_CODES = N_("[{codes}] {quote}")
WELCOME_TITLE = N_("Welcome to coder")
WELCOME_DEMO = N_("This is the demo project: six interviews, a survey and reports about digitalisation in "
                  "municipalities, with the codebook of a master's thesis already found in the interviews. "
                  "Try anything; it is yours to change.")
WELCOME_KEYS = N_("s selects the sentence at the cursor · c codes it (type a code, Enter) · "
                  "d picks another document · ? shows every key")
WELCOME_FILE = N_("The demo lives in {path}. Open your own project with: coder my-study.coder")
WELCOME_HINT = N_("enter or escape to begin")
IMPORT_KIND_AUTO = N_("Kind: as each file says")
IMPORT_KINDS = {"interview": N_("Kind: interview"), "report": N_("Kind: report"), "survey": N_("Kind: survey"),
                "guide": N_("Kind: interview guide"), "note": N_("Kind: note")}
KEY_EXPORT = N_("Export")
EXPORT_TITLE = N_("Export: choose what, then the file (enter writes it)")
EXPORT_CHOICES = {"codebook": N_("The codebook (.{fmt})"), "report": N_("A report (.{fmt})"),
                  "qdpx": N_("The whole project for other QDA programs (.{fmt})")}
EXPORT_HINT = N_("↑↓ choose · enter then the file name · enter writes · escape cancel")
EXPORTED = N_("Wrote {path}")
CB_ORDER_UP = N_("Move up among its own")
CB_ORDER_DOWN = N_("Move down among its own")
CB_ORDER_SORT = N_("Sort the group's codes alphabetically")
CB_ORDER_WHERE = N_("Order is kept for codes in a group and for groups in a theme: "
                    "put the cursor on one in the right-hand list.")


# ---- texts with a count: a real plural in both languages ---------------------------------
def _count(text: str, n: int | str) -> str:
    """'500+' counts as 500: the plural form goes by the number."""
    return text.format(n=n)


def _n(n: int | str) -> int:
    return n if isinstance(n, int) else int(str(n).rstrip("+") or 0)


def quotes(n: int | str) -> str:
    return _count(ngettext("{n} quote", "{n} quotes", _n(n)), n)


def codes(n: int | str) -> str:
    return _count(ngettext("{n} code", "{n} codes", _n(n)), n)


def groups(n: int | str) -> str:
    return _count(ngettext("{n} group", "{n} groups", _n(n)), n)


def documents(n: int | str) -> str:
    return _count(ngettext("{n} document", "{n} documents", _n(n)), n)


def hits(n: int | str) -> str:
    return _count(ngettext("{n} hit", "{n} hits", _n(n)), n)


def segments(n: int | str) -> str:
    return _count(ngettext("{n} segment", "{n} segments", _n(n)), n)


def outside_changes(n: int, what: str) -> str:
    return ngettext("{n} change from another program: {what}",
                    "{n} changes from another program: {what}", n).format(n=n, what=what)


def action(name: str) -> str:
    """A history row's action as the reader says it (the row keeps the English name)."""
    return _(name) if name else name       # _("") would be the catalogue's header


def more_rows(n: int) -> str:
    return ngettext(" · {n} more, filter to see", " · {n} more, filter to see", n).format(n=n)


def quotes_title(code: str, n: int) -> str:
    return _("«{code}» — {quotes}").format(code=code, quotes=quotes(n))


def search_count(n: int | str, documents_: int, unit: str) -> str:
    return _("{hits} in {documents} · autocode unit: {unit} (u to change)").format(
        hits=hits(n), documents=documents(documents_), unit=unit)


def autocode_title(n: int | str, query: str, unit: str) -> str:
    return ngettext("Autocode {n} hit of «{query}» ({unit}) with:",
                    "Autocode {n} hits of «{query}» ({unit}) with:", _n(n)).format(n=n, query=query, unit=unit)


def autocoded(n: int, code: str) -> str:
    return ngettext("Coded {n} passage with «{code}».", "Coded {n} passages with «{code}».", n).format(n=n, code=code)


def import_done(documents_: int, segments_: int) -> str:
    return _("Imported {documents} ({segments}).").format(documents=documents(documents_),
                                                          segments=segments(segments_))


def import_problems(n: int, first: str) -> str:
    return ngettext("{n} file not imported: {first}", "{n} files not imported: {first}", n).format(n=n, first=first)


def move_to(n: int) -> str:
    return ngettext("Move {n} code to …", "Move {n} codes to …", n).format(n=n)


def split(n: int) -> str:
    return ngettext("Name of the new group for the marked code", "Name of the new group for the {n} marked codes",
                    n).format(n=n)


def new_theme(n: int) -> str:
    return ngettext("Name of the new theme for {n} group", "Name of the new theme for {n} groups", n).format(n=n)


def to_theme(n: int) -> str:
    return ngettext("Move {n} group to theme …", "Move {n} groups to theme …", n).format(n=n)


def new_concept(n: int) -> str:
    return ngettext("Name of the new concept for {n} group", "Name of the new concept for {n} groups",
                    n).format(n=n)


def link_concept(n: int) -> str:
    return ngettext("Link {n} group to concept …", "Link {n} groups to concept …", n).format(n=n)


def words(n: int) -> str:
    return ngettext("{n} word", "{n} words", n).format(n=n)


# ---- the constants move into a table; reading S.NAME translates at that moment -----------
_TABLE: dict[str, Any] = {name: value for name, value in globals().items() if name.isupper()}
for _name in _TABLE:
    del globals()[_name]


def _translated(value: Any) -> Any:
    if isinstance(value, str):
        return _(value) if value else value       # _("") would be the catalogue's header
    if isinstance(value, tuple):
        return tuple(_translated(v) for v in value)
    if isinstance(value, dict):
        return {k: _translated(v) for k, v in value.items()}
    return value


def __getattr__(name: str) -> Any:
    try:
        return _translated(_TABLE[name])
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


class _Msgids:
    """`S.msgid.NAME`: the untranslated msgid (for binding descriptions, translated when shown)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return _TABLE[name]
        except KeyError:
            raise AttributeError(name) from None


msgid = _Msgids()
