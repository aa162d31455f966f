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
COL_CODINGS = "Codings"
COL_KEY = "#"
COL_CODE = "Code"
COL_COUNT = "n"
SORT_LABEL = "sorted by {order} (o to change)"
SORT_ORDERS = {"recent": "most recent", "name": "name", "count": "count"}
NO_DOCUMENT = "No document open. Import one with i, or choose one on the left."

# ---- status line -----------------------------------------------------------------
STATUS_POSITION = "{name} · line {line}/{lines}"
STATUS_SELECTION = "selected {start}–{end} ({words} words)"
STATUS_CODES_HERE = "here: {codes}"
STATUS_FILTER = "showing {who}"
STATUS_ALL_CODERS = "all coders"
STATUS_MINE = "my codings"

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
KEY_SENTENCE = "Sentence (again: extend)"
KEY_SEGMENT = "Select segment (again: extend)"
KEY_SWAP = "Swap the selection's ends"
KEY_CLEAR = "Clear the selection"
KEY_NEXT_CODING = "Next coding"
KEY_PREV_CODING = "Previous coding"
KEY_CODE = "Code"
KEY_INVIVO = "In-vivo"
KEY_RECENT = "Apply recent code 1–9"
KEY_REMOVE = "Remove coding"
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
KEY_SORT = "Sort codes"
KEY_QUOTES = "Quotes of the code"
KEY_DISAGREEMENTS = "Disagreements between coders"
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
REDONE = "Redone: {action} {object}"
NOTHING = "{error}"
NO_CODE_CHOSEN = "Choose a code in the code list, or put the cursor in a coding."

# ---- the code palette ------------------------------------------------------------
PALETTE_TITLE = "Code {start}–{end}: type to find a code, or a new code's text"
PALETTE_PLACEHOLDER = "Code text"
PALETTE_CREATE = "+ new code «{text}»"
PALETTE_CLOSE = "Close to an existing code: «{code}» ({score:.0f} %). Enter again to create anyway."
PALETTE_HINT = "↑↓ choose · enter apply · escape cancel"
PALETTE_COUNT = "{n} codings"

# ---- dialogs ---------------------------------------------------------------------
INVIVO_TITLE = "In-vivo code (edit, then enter)"
MEMO_CODING_TITLE = "Memo on the coding «{code}»"
MEMO_CODE_TITLE = "Memo on the code «{code}»"
MEMO_HINT = "ctrl+s save · escape cancel"
QUOTES_TITLE = "«{code}» — {n} quotes"
QUOTES_HINT = "enter jump to the quote · escape close"
QUOTE_LINE = "{document} · {informant}"
NO_INFORMANT = "—"
HELP_TITLE = "Keys"
HELP_HINT = "escape close · ctrl+p every action by name"
HELP_SECTIONS = {"app": "Everywhere", "reader": "In the reader", "codes": "In the code list",
                 "palette": "In the code palette"}
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
}
KEY_SCREEN_CODEBOOK = "Codebook"
KEY_SCREEN_REVIEW = "Review"

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
DIS_CODE_LINE = "{code}  ({n})"
DIS_ITEM_LINE = "{document} {start}–{end}: "
DIS_ONLY = "{coders} only {start}–{end}"
DIS_SIDE_LINE = "{key} {coder}: "
DIS_NOT_CODED = "not coded"
DIS_KEPT = "Kept {side} for «{code}» in {document}."
DIS_BOTH = "both"
DIS_KEY_KEEP = "Keep coder 1–9's side"
DIS_KEY_BOTH = "Keep both"
DIS_KEY_BACK = "Back"
