"""Every piece of text the app shows, in one place, so a bokmål translation can follow.
The method's own Norwegian terms (kodegruppe, restgruppe, kodetest, tema) stay as they are."""

TITLE = "coder"

# ---- panes -----------------------------------------------------------------------
DOCUMENTS = "Documents"
CODES = "Codes"
FILTER_DOCUMENTS = "Filter documents (name, attribute or key=value)"
FILTER_CODES = "Filter codes"
COL_NAME = "Name"
COL_KIND = "Kind"
COL_CODED = "Coded"
COL_CODINGS = "n"
COL_KEY = "#"
COL_CODE = "Code"
COL_COUNT = "n"
SORT_LABEL = "by {order} (o)"
MORE_ROWS = " · {n} more, filter to see"
SORT_ORDERS = {"recent": "recent use", "name": "name", "count": "count"}
NO_DOCUMENT = "No document open. Import one with i, or choose one on the left."

# ---- status line -----------------------------------------------------------------
STATUS_POSITION = "{name} · line {line}/{lines}"
STATUS_SELECTION = "selected {start}–{end} ({words} words)"
STATUS_CODES_HERE = "here: {codes}"
STATUS_FILTER = "showing {who}"

# ---- bindings (the help screen and the footer show these) ------------------------
KEY_LEFT = "Cursor left"
KEY_RIGHT = "Cursor right"
KEY_UP = "Cursor up"
KEY_DOWN = "Cursor down"
KEY_EXTEND = "Extend the selection"
KEY_WORD = "Cursor by word"
KEY_EXTEND_WORD = "Extend the selection by word"
KEY_HOME = "Start of line"
KEY_END = "End of line"
KEY_PAGE = "Page up / down"
KEY_DOC_EDGE = "Start / end of document"
KEY_SENTENCE = "Sentence"
KEY_SEGMENT = "Select segment (again: extend)"
KEY_SWAP = "Swap the selection's ends"
KEY_CLEAR = "Clear the selection"
KEY_NEXT_CODING = "Next coding"
KEY_PREV_CODING = "Previous coding"
KEY_CODE = "Code"
KEY_INVIVO = "In-vivo"
KEY_RECENT = "Apply recent code 1–9"
KEY_REMOVE = "Uncode"
KEY_RESIZE = "Set coding to selection"
KEY_MEMO_CODING = "Memo on coding"
KEY_MEMO_CODE = "Memo on code"
KEY_UNDO = "Undo"
KEY_REDO = "Redo"
KEY_SEARCH = "Search"
KEY_IMPORT = "Import"
KEY_CODERS = "Coders shown"
KEY_HELP = "Help"
KEY_QUIT = "Quit"
KEY_SCREEN_CODING = "Coding"
KEY_SCREEN_CODEBOOK = "Codebook"
KEY_SCREEN_REVIEW = "Review"
KEY_DISAGREEMENTS = "Disagreements between coders"
KEY_SORT = "Sort codes"
KEY_FOCUS_DOCUMENTS = "Documents"
KEY_FOCUS_CODES = "Codes"
KEY_FOCUS_READER = "Reader"

# ---- messages --------------------------------------------------------------------
SELECT_FIRST = "Select some text first (shift+arrows, s for a sentence, or drag)."
NO_CODING_HERE = "No coding at the cursor. Jump to one with n."
NO_RECENT = "No code on key {n} yet."
CODED = "Coded with «{code}»."
REMOVED = "Removed the coding «{code}»."
RESIZED = "The coding «{code}» now spans {start}–{end}."
MEMO_SAVED = "Memo saved."
UNDONE = "Undone: {action} {object}"
OUTSIDE_CHANGES = ("{n} change from another program: {what}", "{n} changes from another program: {what}")
OUTSIDE_CHANGE = "{action} {object} by {coder}"
OUTSIDE_NOT_UNDONE = "Not undone: the project changed first (shown now). Press again to {verb} «{action} {object}»."
REDONE = "Redone: {action} {object}"
NO_CODE_CHOSEN = "Choose a code in the code list, or put the cursor in a coding."

# ---- the code palette ------------------------------------------------------------
PALETTE_TITLE = "Code {start}–{end}: type to find a code, or a new code's text"
PALETTE_PLACEHOLDER = "Code text"
PALETTE_CREATE = "+ new code «{text}»"
PALETTE_CLOSE = "Close to an existing code: «{code}» ({score:.0f} %). Enter again to create anyway."
PALETTE_HINT = "↑↓ choose · enter apply · escape cancel"
PALETTE_COUNT = "· {n}"

# ---- dialogs ---------------------------------------------------------------------
INVIVO_TITLE = "In-vivo code (edit, then enter)"
MEMO_CODING_TITLE = "Memo on the coding «{code}»"
MEMO_CODE_TITLE = "Memo on the code «{code}»"
MEMO_HINT = "ctrl+s save · escape cancel"
PICKER_PLACEHOLDER = "type to filter"
PICKER_HINT = "↑↓ choose · enter pick · escape cancel"
QUOTES_TITLE = "«{code}» — {n} quotes"
QUOTES_HINT = "enter jump to the quote · escape close"
QUOTE_LINE = "{document} · {informant}"
NO_INFORMANT = "—"
HELP_TITLE = "Keys"
HELP_HINT = ("s selects the sentence at the cursor, pressed again it extends by a sentence; "
             "x removes the coding at the cursor · escape close · ctrl+p every action by name")
HELP_SECTIONS = {"app": "Everywhere", "reader": "In the reader", "codes": "In the code list",
                 "palette": "In the code palette", "screens": "Screens"}
CODERS_TITLE = "Whose codings to show"
CODERS_COLOUR = "Colour the margin by coder"
CODERS_HINT = "space toggle · enter apply · escape cancel"

# ---- command palette (ctrl+p) ---------------------------------------------------
COMMANDS = {
    "code": ("Code the selection", "Apply an existing code or create one (c)"),
    "invivo": ("In-vivo code from the selection", "The selected words without fillers (v)"),
    "remove_coding": ("Remove the coding at the cursor", "x"),
    "resize_coding": ("Set the coding's span to the selection", "e"),
    "memo_coding": ("Memo on the coding", "m"),
    "memo_code": ("Memo on the code", "M"),
    "undo": ("Undo", "ctrl+z"),
    "redo": ("Redo", "ctrl+y"),
    "coders": ("Choose whose codings to show", "w"),
    "mine": ("Show only my codings", ""),
    "all_coders": ("Show all coders' codings", ""),
    "next_coding": ("Jump to the next coding", "n"),
    "previous_coding": ("Jump to the previous coding", "N"),
    "select_sentence": ("Select the sentence at the cursor", "s"),
    "quotes": ("Quotes of the code", "enter in the code list"),
    "help": ("Keys", "?"),
    "focus_documents": ("Go to the documents", "d"),
    "focus_codes": ("Go to the codes", "k"),
    "focus_reader": ("Go to the reader", "r"),
    "search": ("Search the corpus", "/"),
    "import_files": ("Import files or a folder", "i"),
    "disagreements": ("Disagreements between coders", "Passages coded by one coder and not another (D)"),
    "codebook": ("Codebook: group codes, themes, concepts, kodetest", "F3"),
    "review": ("Review: theme tree, matrix, co-occurrence, bars", "F4"),
    "coding": ("Back to coding", "F2"),
}

# ---- search ----------------------------------------------------------------------
SEARCH_TITLE = "Search the corpus (words also match their inflections)"
SEARCH_PLACEHOLDER = 'words, "a phrase", prefix*'
SEARCH_REGEX = "regular expression"
SEARCH_COUNT = "{n} hits in {documents} documents · autocode unit: {unit} (u to change)"
SEARCH_HINT = "enter search / jump · c code this hit · a autocode all hits · / edit query · escape close"
SEARCH_CODE_HIT = "Code this hit"
SEARCH_AUTOCODE = "Autocode all"
SEARCH_UNIT = "Unit"
SEARCH_EDIT = "Edit the query"
UNITS = {"match": "the matched words", "sentence": "their sentence", "segment": "their segment"}
AUTOCODE_TITLE = "Autocode {n} hits of «{query}» ({unit}) with:"
AUTOCODED = "Coded {n} passages with «{code}»."

# ---- import ----------------------------------------------------------------------
IMPORT_TITLE = "Import a file or a folder (.txt .md .docx .odt .pdf .csv .xlsx)"
IMPORT_PLACEHOLDER = "Path to a file or folder"
IMPORT_HINT = "enter on a file or folder puts it in the field · enter in the field imports · escape cancel"
IMPORT_MISSING = "{path}: no such file or folder"
IMPORT_PROGRESS = "Importing {name} ({done}/{total})"
IMPORT_DONE = "Imported {documents} documents ({segments} segments)."
IMPORT_PROBLEMS = "{n} files not imported: {first}"

# ---- disagreements between coders ---------------------------------------------------
DIS_TITLE = "Disagreements between {coders}"
DIS_NO_CODERS = "Disagreements need codings by two or more coders; this project has {n}."
DIS_NONE_LEFT = "No disagreements left between these coders."
DIS_CODE_LINE = "  {code}  ({n})"
DIS_ITEM_LINE = "{document} {start}–{end}: "
DIS_ONLY = "{coders} only {start}–{end}"
DIS_SIDE_LINE = "{key} {coder}: "
DIS_NOT_CODED = "not coded"
DIS_KEPT = "Kept {side} for «{code}» in {document}."
DIS_BOTH = "both"
DIS_KEY_KEEP = "Keep coder 1–9's side"
DIS_KEY_BOTH = "Keep both"
DIS_KEY_BACK = "Back"
DIS_KEY_UNIT = "Next unit"
DIS_KEY_EXPORT = "Export the table"
DIS_GROUP_LINE = "{group} — {figures}"
DIS_NO_GROUP = "Not in a kodegruppe (not in the group figures)"
DIS_FIGURES = "{agreement} agree · κ {kappa} · α {alpha} · {counts}"
DIS_OVERALL = "Per kodegruppe, unit {unit}: {figures}"
DIS_NO_FIGURES = "Per kodegruppe, unit {unit}: no figures ({reason})"
DIS_EXPORT_TITLE = "Write the kodegruppe comparison table (unit {unit}, per document) to a .csv or .xlsx file:"
DIS_EXPORTED = "Wrote the kodegruppe comparison (unit {unit}) to {path}."


# ---- the codebook and review screens ---------------------------------------------

UNGROUPED = "Ungrouped codes"
STRUCTURE = "Temaer, kodegrupper, konsepter"
NO_THEME = "Groups without a theme"
CONCEPTS = "Konsepter"
RESTGRUPPE = "restgruppe"
PROGRESS = "Grupperingstest: {grouped} of {codes} codes grouped ({pct} %)"
KODETEST = "Kodetest: {passed} passed · {failed} failed · {unchecked} unchecked · {flagged} flagged"
ALL_GROUPED = "every code sits in a group"
REST_SHARE = " · restgruppe {rest} of {codes} ({pct} %)"
REST_TOO_LARGE = " ⚠ over {max} %"
NO_GUIDE = " · no interview guide: no guide check"
GROUP_FLAGGED = "⚑ bare topic"
VERDICT_MARK = {"passed": "✓", "failed": "✗", "unchecked": "·"}

NEW_GROUP = "Name of the new group (starts as the code's text; say the essence of its codes)"
MOVE_TO = "Move {n} code(s) to …"
TO_UNGROUPED = "(back to ungrouped)"
RENAME = "New name"
RENUMBER = "New number for {what} (numbers are stable: only renumber on purpose)"
MERGE_INTO = "Merge «{text}» into … (its codings move; the history records it)"
SPLIT = "Name of the new group for the {n} marked code(s)"
NEW_THEME = "Name of the new theme for {n} group(s)"
TO_THEME = "Move {n} group(s) to theme …"
NO_THEME_CHOICE = "(no theme)"
NEW_CONCEPT = "Name of the new concept for {n} group(s)"
LINK_CONCEPT = "Link {n} group(s) to concept …"
MEMO = "Memo on {what}"
FIND_CODE = "Go to code …"
FIND_FLAGGED = "Go to a code the kodetest flags (it names a topic, or is close to a guide question) …"
PICK_QUESTION = "Which test question to reword?"
EDIT_QUESTION = "The prompt of «{name}»"
DUPLICATES = "Near-duplicate codes (score ≥ {threshold}): pick a pair to merge the second into the first"
DUPLICATE_THRESHOLD = "Lowest similarity (0–100) at which two codes are offered for merging; above 100 turns it off"
BAD_THRESHOLD = "«{value}» is not a score from 0 to 101"
NO_DUPLICATES = "No near-duplicate codes at score ≥ {threshold}"
PICK_CODES = "Mark codes with space, or put the cursor on one"
PICK_GROUPS = "Mark groups with space, or put the cursor on one"
SPLIT_ONE_GROUP = "Mark codes of one group (open it with enter) to split them off"
NOT_HERE = "Put the cursor on a code, group, theme or concept"

QUOTES_HIDDEN = "v shows the quotes"
QUOTE_WITH_TEXT = "«{text}» — {document}{informant}"

REVIEW_TREE = "Tree"
REVIEW_MATRIX = "Matrix"
REVIEW_COOCCURRENCE = "Co-occurrence"
REVIEW_BARS = "Quotes per theme and group"
MATRIX_HELP = "rows: {rows} · columns: {columns} — r switches rows, c cycles columns, enter opens a cell"
COOC_HELP = "Codes that code overlapping passages within: {scope}"
COOC_NONE = "No overlapping codings in this scope"
ROOT = "Codebook"

# ---- the coding screen a researcher trusts all day (#16) ---------------------------
from coder.i18n import N_  # noqa: E402  (the section is appended so branches merge cleanly)

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
