"""No user-facing text in coder/tui bypasses the catalogue (command line and core: test_i18n_scan.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "coder"
WORDS = re.compile(r"[A-Za-zÆØÅæøåÉé]{2,}")
FIELDS = re.compile(r"\{[^{}]*\}")          # {name} placeholders are not words
MARKERS = {"_", "N_", "ngettext", "pgettext"}


def wordy(node: ast.AST) -> bool:
    """A literal (or an f-string's literal parts) with words in it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS.search(FIELDS.sub("", node.value)))
    if isinstance(node, ast.JoinedStr):
        return any(wordy(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return wordy(node.left) or wordy(node.right)
    if isinstance(node, ast.IfExp):
        return wordy(node.body) or wordy(node.orelse)
    return False


def call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


# ---- coder/tui ---------------------------------------------------------------------------
# call name → (positions of user-facing arguments, user-facing keywords)
TUI_TEXT_ARGUMENTS: dict[str, tuple[tuple[int, ...], set[str]]] = {
    "notify": ((0,), {"message", "title"}),
    "Static": ((0,), {"content"}), "Label": ((0,), {"content"}), "Button": ((0,), {"label"}),
    "Binding": ((2,), {"description", "tooltip"}), "Input": ((), {"placeholder"}),
    "Checkbox": ((0,), {"label"}), "TabPane": ((0,), {"title"}), "Tree": ((0,), set()),
    "Option": ((0,), {"prompt"}), "add_column": ((0,), {"label"}), "add_columns": ((0, 1, 2, 3, 4, 5), set()),
    "update": ((0,), set()), "set_label": ((0,), set()), "add": ((0,), {"label"}), "add_leaf": ((0,), {"label"}),
    "Row": ((1,), {"text", "note", "badge"}), "Prompt": ((0,), {"title"}), "MemoEditor": ((0,), {"title"}),
    "FuzzyPicker": ((0,), {"title"}), "CodePalette": ((1,), {"title"}),
    "DiscoveryHit": ((0,), {"help"}), "Hit": ((1,), {"text", "help"}), "SystemCommand": ((0, 1), set()),
    "CoderError": ((0,), set()), "CommandPalette": ((), {"placeholder"}),
}
TUI_TEXT_ATTRIBUTES = {"border_title", "border_subtitle", "title", "sub_title", "TITLE", "SUB_TITLE", "tooltip"}


def bare_tui_literals(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and call_name(node) in TUI_TEXT_ARGUMENTS:
            positions, keywords = TUI_TEXT_ARGUMENTS[call_name(node)]
            args = [a for i, a in enumerate(node.args) if i in positions]
            args += [k.value for k in node.keywords if k.arg in keywords]
            found += [f"{where}:{a.lineno}: {call_name(node)}({ast.unparse(a)})" for a in args if wordy(a)]
        elif isinstance(node, ast.Assign) and wordy(node.value):
            targets = [t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", "") for t in node.targets]
            if TUI_TEXT_ATTRIBUTES & set(targets) and not (isinstance(node.value, ast.Constant)
                                                             and node.value.value == "coder"):
                found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def unmarked_strings_constants(source: str) -> list[str]:
    """strings.py: every text constant is N_()-marked (keys, formats without words and the
    app's name excepted)."""
    found = []
    tree = ast.parse(source)
    marked = {id(n) for call in ast.walk(tree) if isinstance(call, ast.Call) and call_name(call) in MARKERS
              for n in ast.walk(call)}
    for statement in tree.body:
        if not isinstance(statement, ast.Assign) or not isinstance(statement.targets[0], ast.Name):
            continue
        name = statement.targets[0].id
        if not name.isupper() or name == "TITLE":
            continue
        keys = {id(k) for d in ast.walk(statement.value) if isinstance(d, ast.Dict) for k in d.keys if k is not None}
        for node in ast.walk(statement.value):
            if isinstance(node, ast.Constant) and id(node) not in marked and id(node) not in keys and wordy(node):
                found.append(f"strings.py:{node.lineno}: {name} = … {node.value!r}")
    return found


def test_tui_literals_go_through_the_catalogue():
    bare = []
    for path in sorted((PACKAGE / "tui").rglob("*.py")):
        bare += bare_tui_literals(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    assert not bare, "user-facing text without _()/N_()/S.*:\n" + "\n".join(bare)


def test_tui_strings_module_marks_every_text():
    bare = unmarked_strings_constants((PACKAGE / "tui" / "strings.py").read_text(encoding="utf-8"))
    assert not bare, "mark with N_():\n" + "\n".join(bare)


def test_tui_scan_catches_bare_text():
    source = ('self.notify("Saved the memo.")\nyield Label(f"{n} quotes")\nBinding("g", "group", "Group")\n'
              'yield Input(placeholder="type here")\nself.left.border_title = "Ungrouped"\n'
              'self.notify(_("Saved."))\nyield Label(S.CODES)\nBinding("g", "group", N_("Group"))\n')
    assert sorted(line.split(":")[1] for line in bare_tui_literals(source, "x")) == ["1", "2", "3", "4", "5"]
    assert unmarked_strings_constants('A = "Some text"\nB = N_("Text")\nC = {"key": N_("Value")}\n') == \
        ["strings.py:1: A = … 'Some text'"]
