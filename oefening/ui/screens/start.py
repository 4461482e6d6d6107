"""The start screen: choose a bundled scenario (the default is highlighted, so Enter starts
it) or type the path of another scenario file, the language and the seed.

The screen never reads a file: it hands the choice to the launcher the command line gave the
app, which loads the scenario and opens the journalled session, and shows its error on the
screen when the file is bad.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from oefening.errors import OefeningError
from oefening.words import tr
from oefening.words.plain import plain, text_in

if TYPE_CHECKING:
    from oefening.ui.app import Launcher, OefeningApp


class StartScreen(Screen[None]):
    """Scenario, language and seed for a new exercise."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.ask_quit", show=False)]

    def __init__(self, launcher: Launcher) -> None:
        super().__init__()
        self.launcher = launcher

    @property
    def oefening(self) -> OefeningApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        lang = self.oefening.lang
        launcher = self.launcher
        with VerticalScroll(id="start-box"):
            yield Static(tr("start.heading", lang), classes="heading", id="start-heading")
            yield Label(tr("start.scenario", lang), id="start-scenario-label")
            yield OptionList(*self._options(lang), id="start-scenarios")
            yield Label(tr("start.path", lang), id="start-path-label")
            yield Input(placeholder="scenarios/….yaml", id="start-path")
            with Horizontal(id="start-row"):
                with VerticalScroll(classes="start-field"):
                    yield Label(tr("start.language", lang), id="start-lang-label")
                    with RadioSet(id="start-lang"):
                        yield RadioButton("Nederlands", value=lang == "nl", id="lang-nl")
                        yield RadioButton("English", value=lang != "nl", id="lang-en")
                with VerticalScroll(classes="start-field"):
                    yield Label(tr("start.seed", lang), id="start-seed-label")
                    yield Input(str(launcher.seed), type="integer", id="start-seed")
            yield Static(id="start-error")
            yield Button(tr("start.button", lang), variant="primary", id="start")
            yield Static(tr("start.hint", lang), classes="hint", id="start-hint")
        yield Header()
        yield Footer(compact=True)

    def _options(self, lang: str) -> list[Option]:
        return [Option(Text.assemble((text_in(title, lang), "bold"), f"  {plain(path)}"), id=str(i))
                for i, (title, path) in enumerate(self.launcher.choices)]

    def on_mount(self) -> None:
        scenarios = self.query_one("#start-scenarios", OptionList)
        paths = [path for _, path in self.launcher.choices]
        if self.launcher.default in paths:
            scenarios.highlighted = paths.index(self.launcher.default)
        elif paths:
            scenarios.highlighted = 0
        self.query_one("#start", Button).focus()

    def _chosen_path(self) -> str | None:
        typed = self.query_one("#start-path", Input).value.strip()
        if typed:
            return typed
        index = self.query_one("#start-scenarios", OptionList).highlighted
        if index is None or not self.launcher.choices:
            return None
        return self.launcher.choices[index][1]

    def start(self) -> None:
        """Open the chosen scenario through the launcher; show the problem when it fails."""
        error = self.query_one("#start-error", Static)
        seed_text = self.query_one("#start-seed", Input).value.strip() or "0"
        try:
            seed = int(seed_text)
        except ValueError:
            error.update(Text(tr("start.seed_bad", self.oefening.lang), style="bold red"))
            return
        path = self._chosen_path()
        if path is None:
            self.query_one("#start-path", Input).focus()
            return
        lang = "nl" if self.query_one("#lang-nl", RadioButton).value else "en"
        try:
            session = self.launcher.open(path, lang, seed)
        except OefeningError as problem:
            error.update(Text(plain(problem), style="bold red"))
            return
        except OSError as problem:
            error.update(Text(plain(f"{path}: {problem.strerror or problem}"), style="bold red"))
            return
        self.oefening.lang = lang
        self.oefening.begin(session)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.start()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#start-path", Input).value = ""
        self.start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.oefening.lang = lang = "nl" if event.pressed.id == "lang-nl" else "en"
        for widget_id, key in (("start-heading", "start.heading"), ("start-scenario-label", "start.scenario"),
                               ("start-path-label", "start.path"), ("start-lang-label", "start.language"),
                               ("start-seed-label", "start.seed"), ("start-hint", "start.hint")):
            self.query_one(f"#{widget_id}", Static).update(tr(key, lang))
        self.query_one("#start", Button).label = tr("start.button", lang)
        scenarios = self.query_one("#start-scenarios", OptionList)
        highlighted = scenarios.highlighted
        scenarios.set_options(self._options(lang))
        scenarios.highlighted = highlighted
