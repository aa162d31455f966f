"""The app host: holds the Project, opens the coding screen, and lets other screens
(codebook, review, disagreements) be pushed by bindings and commands. Every screen gets
the project in its constructor; none reaches for `app.project`."""

from __future__ import annotations

import importlib

from textual.binding import Binding
from textual.command import CommandPalette

from coder.core import Project, user_config
from coder.core.errors import CoderError, StorageError
from coder.tui import strings as S
from coder.tui.commands import CoderCommands
from coder.tui.keymap import with_ids
from coder.tui.language import LanguageSwitch, start_language
from coder.tui.screens.disagreements import DisagreementsScreen
from coder.tui.screens.main import MainScreen

# How often the app looks for other programs' changes (one PRAGMA data_version).
POLL_OUTSIDE_S = 1.0


class CoderApp(LanguageSwitch):
    CSS_PATH = "app.tcss"
    TITLE = S.TITLE
    COMMANDS = {CoderCommands}        # Textual's own commands too, found in either language
    BINDINGS = with_ids("app", [
        Binding("f3", "codebook", S.msgid.KEY_SCREEN_CODEBOOK, priority=True, show=False),
        Binding("f4", "review", S.msgid.KEY_SCREEN_REVIEW, priority=True, show=False),
        Binding("f2", "coding", S.msgid.KEY_SCREEN_CODING, priority=True, show=False),
        Binding("ctrl+p", "command_palette", S.msgid.KEY_PALETTE, priority=True, show=False),
    ])

    def __init__(self, project: Project, language: str | None = None, welcome: bool = False) -> None:
        super().__init__()
        self.project = project
        self.sub_title = str(project.path)
        self.language = start_language(language)
        self.keymap = user_config.keymap()      # binding id → keys, from [keymap] in config.toml
        self.set_keymap(self.keymap)
        self.welcome = welcome

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.project))
        if self.welcome:
            from coder.tui.screens.welcome import WelcomeScreen
            self.push_screen(WelcomeScreen(self.project.path))
        self.set_interval(POLL_OUTSIDE_S, self.sync_project)

    # ---- other programs writing to the same project ------------------------------
    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        """Before every action, take in what other programs wrote. An undo or redo
        that meets such changes is not carried out: they are shown first, so undo
        never takes back what was not on screen."""
        changes = self.sync_project()
        step = _history_step(action)
        if changes and step:
            self._explain_skipped_step(step)
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def sync_project(self) -> list:
        """Poll (one PRAGMA); when others wrote, refresh every screen and say so."""
        try:
            changes = self.project.history.outside_changes()
        except (CoderError, StorageError):      # a damaged or vanished file: the next action says so
            return []
        if changes:
            for screen in self.screen_stack:
                hook = getattr(screen, "project_changed", None)
                if hook is not None:
                    hook()
            self.notify(_describe(changes), timeout=6)
        return changes

    def _explain_skipped_step(self, verb: str) -> None:
        state = "done" if verb == "undo" else "undone"
        entry = self.project.history.next_step(state)
        if entry is not None:
            shown = S.VERB_UNDO if verb == "undo" else S.VERB_REDO
            self.notify(S.OUTSIDE_NOT_UNDONE.format(verb=shown, action=S.action(entry.action),
                                                    object=entry.shown_object()), severity="warning", timeout=6)

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the app's language."""
        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=S.PALETTE_SEARCH))

    def action_show_help_panel(self) -> None:
        """The palette's "Keys": Textual's key panel would show untranslated msgids, so the
        app's help screen, in the current language, for the screen in front."""
        from coder.tui.screens.help import HelpScreen
        self.push_screen(HelpScreen([(S.HELP_SECTIONS["app"], list(self.screen.BINDINGS)),
                                     (S.HELP_SECTIONS["screens"], self.BINDINGS)]))

    def action_disagreements(self) -> None:
        """Passages coded by one coder and not another; the reader is redrawn after."""
        self.push_screen(DisagreementsScreen(self.project), lambda _result: self.main_screen.refresh_all())

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    # ---- the SDI screens (loaded on first use; opened afresh over the coding screen) ----
    def _back_to_main(self) -> MainScreen:
        main = self.main_screen
        while self.screen is not main:
            self.pop_screen()
        main.refresh_all()        # codes may have been merged, renamed or undone meanwhile
        return main

    def _show(self, module: str, cls: str) -> None:
        self._back_to_main()
        self.push_screen(getattr(importlib.import_module(module), cls)(self.project))

    def action_coding(self) -> None:
        """Back to the coding screen from the codebook or the review."""
        self._back_to_main()

    def action_codebook(self) -> None:
        self._show("coder.tui.screens.codebook", "CodebookScreen")

    def action_review(self) -> None:
        self._show("coder.tui.screens.review", "ReviewScreen")

    def on_open_quote(self, message) -> None:
        """The review screen asks for a quote in the reader."""
        self._back_to_main().open_document(message.document_id, select=(message.start, message.end))


def _history_step(action) -> str | None:
    """'undo' or 'redo' when the action is one (on any screen), else None."""
    name = action if isinstance(action, str) else action[0]
    name = name.split("(")[0].rsplit(".", 1)[-1]
    return name if name in ("undo", "redo") else None


def _describe(changes) -> str:
    shown = [S.OUTSIDE_CHANGE.format(action=S.action(c.action), object=c.shown_object(), coder=c.coder)
             for c in changes[-3:]]
    what = ("…, " if len(changes) > 3 else "") + "; ".join(shown)
    return S.outside_changes(len(changes), what)


def make_app(project: Project, language: str | None = None, welcome: bool = False) -> CoderApp:
    """The one way to build the app: the CLI and the tests both call this. `language`: an
    explicit choice (--lang); else CODER_LANG, the config file, the locale. `welcome`: the
    first start on the demo, greeted by the welcome panel."""
    return CoderApp(project, language, welcome)
