"""The command line in bokmål and English: the language chosen by --lang, CODER_LANG, the config
file and the locale; info, check, review, log, --help and errors in both; plurals; Norwegian
numbers in what people read and stable English in what programs read."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from coder import i18n
from coder.cli import _leading_language, main
from coder.core import Project
from coder.core.identity import configured_language
from coder.i18n import format as fmt, ngettext, using
from tests.conftest import REPO
from tests.sdi_fixtures import build


def run_process(*args: object, **env: str) -> subprocess.CompletedProcess:
    """`coder ARGS` as a user runs it, in its own process."""
    environ = {**os.environ, "PYTHONPATH": str(REPO), **env}
    return subprocess.run([sys.executable, "-m", "coder", *map(str, args)], cwd=REPO, env=environ,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def run(monkeypatch):
    """`coder ARGS` through the same entry point (coder.cli.main), in this process: quicker."""
    def run(*args: object, **env: str) -> SimpleNamespace:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        out, err, status = io.StringIO(), io.StringIO(), 0
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main([str(a) for a in args])
            except SystemExit as exc:
                status = exc.code if isinstance(exc.code, int) else 1
        return SimpleNamespace(returncode=status, stdout=out.getvalue(), stderr=err.getvalue())
    return run


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    """The SDI fixture project: two themes' worth of groups, codes and quotes, and a history."""
    path = tmp_path_factory.mktemp("study") / "p.coder"
    project, ids, _ = build(path)
    project.grouping.set_check("code", ids["fear"], "q1", "failed")
    project.close()
    return path


# ---- the same commands in both languages ----------------------------------------------------

EXPECTED = {
    "info": {"en": ["  documents ", "  codes ", "  schema version "],
             "nb": ["  dokumenter ", "  koder ", "  skjemaversjon "]},
    "check": {"en": ["Grupperingstest: 5 of 8 codes grouped", "ungrouped: ", "Kodetest: 0 passed, 1 failed, ",
                     "flagged (unchecked): ", "restgruppe: 1 of 8 codes (12 %) — more than 10 %", "Konsepttest: 0 passed"],
              "nb": ["Grupperingstest: 5 av 8 koder gruppert", "ikke gruppert: ",
                     "Kodetest: 0 bestått, 1 ikke bestått, ", "flagget (ikke vurdert): ", "restgruppe: 1 av 8 koder (12 %) — over 10 %", "Konsepttest: 0 bestått"]},
    "review": {"en": ["— 2 groups, 5 quotes", "— 3 codes, 4 quotes", "Ungrouped codes (3)"],
               "nb": ["— 2 kodegrupper, 5 sitater", "— 3 koder, 4 sitater", "Koder som ikke er gruppert (3)"]},
    "log": {"en": [" create group ", " create theme ", " check "],
            "nb": [" ny kodegruppe ", " nytt tema ", " vurdering "]},
}


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_cli_commands_speak_the_chosen_language(study, command, language, run):
    result = run("--lang", language, command, study)
    assert result.returncode == 0, result.stderr
    for text in EXPECTED[command][language]:
        assert text in result.stdout, (text, result.stdout)
    other = EXPECTED[command]["nb" if language == "en" else "en"]
    assert not any(text in result.stdout for text in other)


@pytest.mark.parametrize(("language", "words"), [
    ("en", ["Usage: coder info", "Counts of what the project holds", "Print JSON instead of text.",
            "Show this message and exit.", "Options:"]),
    ("nb", ["Bruk: coder info", "Hvor mye prosjektet inneholder", "Skriv ut JSON i stedet for tekst.",
            "Vis denne hjelpen og avslutt.", "Valg:"]),
])
def test_cli_help_is_in_the_chosen_language(language, words, run):
    result = run("--lang", language, "info", "--help")
    assert result.returncode == 0, result.stderr
    for word in words:
        assert word in result.stdout, (word, result.stdout)


def test_cli_group_help_lists_commands_in_bokmal(run):
    result = run("--lang", "nb", "--help")
    assert "Kommandoer:" in result.stdout and "Opprett en tom prosjektfil PROSJEKT." in result.stdout
    assert result.stdout.startswith("Bruk: coder [VALG] KOMMANDO [ARGUMENTER]...")
    assert "--lang [nb|en]" in result.stdout


@pytest.mark.parametrize(("language", "message"), [
    ("en", "coder: {path}: no such project"),
    ("nb", "coder: {path}: prosjektet finnes ikke"),
])
def test_cli_errors_are_one_line_in_the_chosen_language(tmp_path, language, message, run):
    missing = tmp_path / "missing.coder"
    result = run("--lang", language, "info", missing)
    assert result.returncode == 1
    assert result.stderr.strip() == message.format(path=missing)
    assert not missing.exists()


@pytest.mark.parametrize(("language", "args", "line"), [
    ("nb", ["import"], "coder: Mangler argumentet 'PROSJEKT'. (se «coder import --help»)"),
    ("en", ["import"], "coder: Missing argument 'PATH'. (see «coder import --help»)"),
    ("nb", ["info", "--bogus"], "coder: Valget '--bogus' finnes ikke. (se «coder info --help»)"),
    ("nb", ["info", "a", "b", "c"], "coder: Fikk argumenter for mye (b c) (se «coder info --help»)"),
    ("nb", ["log", "--limit", "x"],
     "coder: Ugyldig verdi for '--limit': 'x' er ikke et gyldig heltall. (se «coder log --help»)"),
])
def test_clicks_own_usage_errors_are_in_the_chosen_language(language, args, line, run):
    result = run("--lang", language, *args)
    assert (result.returncode, result.stderr.strip()) == (2, line)


def test_clicks_messages_are_english_again_after_a_run(run):
    import click
    run("--lang", "nb", "import")
    with pytest.raises(click.MissingParameter) as caught:
        click.Command("x", params=[click.Argument(["path"])]).main([], standalone_mode=False)
    assert caught.value.format_message() == "Missing argument 'PATH'."


@pytest.mark.parametrize(("language", "message"), [
    ("en", "unknown file type «.xyz»"),
    ("nb", "ukjent filtype «.xyz»"),
])
def test_cli_import_problems_name_the_file_in_the_chosen_language(tmp_path, language, message, run):
    project, odd = tmp_path / "p.coder", tmp_path / "notes.xyz"
    odd.write_text("text", encoding="utf-8")
    assert run("new", project).returncode == 0
    result = run("--lang", language, "import", project, odd)
    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if str(odd) in line]
    assert message in line


def test_cli_undo_names_the_action_in_the_chosen_language(tmp_path, run):
    path = tmp_path / "p.coder"
    build(path)[0].close()
    assert run("--lang", "nb", "undo", path).stdout.startswith("angret: ")
    assert run("--lang", "en", "redo", path).stdout.startswith("redo: ")
    assert run("--lang", "nb", "redo", path).stderr.strip() == f"coder: {path}: ingenting å gjøre om"


# ---- machine output stays English ------------------------------------------------------------

def test_cli_json_is_the_same_in_both_languages(study, run):
    for command in ("info", "check", "review"):
        en, nb = (run("--lang", lang, command, study, "--json") for lang in ("en", "nb"))
        assert json.loads(en.stdout) == json.loads(nb.stdout), command
    flags = json.loads(run("--lang", "nb", "check", study, "--json").stdout)["flags"]
    assert "names a topic" in json.dumps(flags, ensure_ascii=False)


@pytest.mark.parametrize(("language", "when"), [
    ("nb", r"\d{1,2}\. [a-zæøå]{3,4}\.? \d{4} \d{2}:\d{2}"),
    ("en", r"[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}\u202f[AP]M"),
])
def test_cli_log_shows_times_as_people_write_them(study, language, when, run):
    lines = run("--lang", language, "log", study).stdout.splitlines()
    assert lines and all(re.match(when + "  ", line) for line in lines), lines[:3]
    out = study.parent / f"log-{language}.csv"
    assert run("--lang", language, "log", study, "--csv", out).returncode == 0
    with out.open(encoding="utf-8") as handle:
        times = [row["time"] for row in csv.DictReader(handle)]
    assert len(times) == len(lines) and all(datetime.fromisoformat(t).tzinfo for t in times)


def test_cli_log_time_is_the_readers_local_time(study, run, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Oslo")
    time.tzset()
    try:
        with Project.open(study) as project:
            first = project.history.entries(None)[0]
        at = datetime.fromisoformat(first.at).astimezone(ZoneInfo("Europe/Oslo"))
        with using("nb"):
            expected = fmt.moment(at)
        assert run("--lang", "nb", "log", study).stdout.startswith(expected + "  ")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_cli_log_csv_keeps_english_columns_and_actions(study, tmp_path, run):
    out = tmp_path / "log.csv"
    assert run("--lang", "nb", "log", study, "--csv", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("time,coder,action,object,details,state") and ",create group," in text


# ---- how the language is chosen ---------------------------------------------------------------

def test_cli_language_comes_from_env_then_config_then_locale(study, tmp_path, run):
    config = tmp_path / "config.toml"
    config.write_text('language = "nb"\n', encoding="utf-8")
    plain = {"CODER_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "", "LANG": "en_GB.UTF-8",
             "CODER_CONFIG": str(tmp_path / "none.toml")}
    assert "Grupperingstest: 5 av 8" in run("check", study, **{**plain, "CODER_LANG": "nb"}).stdout
    assert "Grupperingstest: 5 av 8" in run("check", study, **{**plain, "CODER_CONFIG": str(config)}).stdout
    assert "Grupperingstest: 5 of 8" in run("--lang", "en", "check", study,
                                            **{**plain, "CODER_CONFIG": str(config)}).stdout
    assert "Grupperingstest: 5 av 8" in run("check", study, **{**plain, "LANG": "nn_NO.UTF-8"}).stdout
    assert "Grupperingstest: 5 of 8" in run("check", study, **{**plain, "LANG": "de_DE.UTF-8"}).stdout


def test_core_reads_the_language_from_the_config_file(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    monkeypatch.setenv("CODER_CONFIG", str(config))
    assert configured_language() is None
    config.write_text('coder = "Kari"\nlanguage = " nb "\n', encoding="utf-8")
    assert configured_language() == "nb"
    config.write_text("language = [", encoding="utf-8")          # a broken file is no choice
    assert configured_language() is None


def test_cli_leading_lang_is_taken_before_the_app_or_a_command(monkeypatch):
    monkeypatch.delenv("CODER_LANG")
    assert _leading_language(["--lang", "nb", "study.coder"]) == ["study.coder"]
    assert i18n.language() == "nb"
    assert _leading_language(["--lang=en"]) == []
    assert i18n.language() == "en"
    assert _leading_language(["info", "x.coder"]) == ["info", "x.coder"]
    assert _leading_language(["--help", "--lang", "nb"]) == ["--help"]
    assert i18n.language() == "nb"
    assert _leading_language(["search", "p.coder", "--lang"]) == ["search", "p.coder", "--lang"]


def test_cli_unknown_language_is_one_line():
    result = run_process("--lang", "de", "info", "x.coder")
    assert result.returncode == 2
    assert result.stderr.strip() == "coder: unknown language «de»; choose one of nb, en"


# ---- plurals of real messages -------------------------------------------------------------------

PLURALS = [
    (("coded {n} passage with «{code}»", "coded {n} passages with «{code}»"),
     {"en": ("coded 1 passage with «x»", "coded {n} passages with «x»"),
      "nb": ("kodet 1 utdrag med «x»", "kodet {n} utdrag med «x»")}),
    (("accepted {n} proposal as a coding", "accepted {n} proposals as codings"),
     {"en": ("accepted 1 proposal as a coding", "accepted {n} proposals as codings"),
      "nb": ("godtok 1 forslag som koding", "godtok {n} forslag som kodinger")}),
    (("{n} document", "{n} documents"),
     {"en": ("1 document", "{n} documents"), "nb": ("1 dokument", "{n} dokumenter")}),
    (("{n} hit", "{n} hits"), {"en": ("1 hit", "{n} hits"), "nb": ("1 treff", "{n} treff")}),
    (("Grupperingstest: {grouped} of {n} code grouped", "Grupperingstest: {grouped} of {n} codes grouped"),
     {"en": ("Grupperingstest: 0 of 1 code grouped", "Grupperingstest: 0 of {n} codes grouped"),
      "nb": ("Grupperingstest: 0 av 1 kode gruppert", "Grupperingstest: 0 av {n} koder gruppert")}),
]


@pytest.mark.parametrize("n", [0, 1, 2, 5, 21])
@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize(("msgids", "expected"), PLURALS, ids=[p[0][0] for p in PLURALS])
def test_cli_plurals_in_both_languages(msgids, expected, language, n):
    one, many = expected[language]
    with using(language):
        text = ngettext(*msgids, n).format(n=n, code="x", grouped=0)
    assert text == (one if n == 1 else many.format(n=n))


def test_cli_hits_of_hits_and_documents_in_a_real_search(tmp_path, run):
    path = tmp_path / "p.coder"
    project, _ids, _ = build(path)
    project.close()
    nb = run("--lang", "nb", "search", path, "frykt")
    en = run("--lang", "en", "search", path, "frykt")
    count = len(en.stdout.splitlines())
    assert en.stderr.strip() == ngettext("{n} hit", "{n} hits", count).format(n=count)
    assert nb.stderr.strip() == f"{count} treff"


def test_cli_language_from_the_environment_reaches_a_real_process(tmp_path):
    """The whole way a user meets it: CODER_LANG in the environment, a missing project, one line."""
    missing = tmp_path / "missing.coder"
    result = run_process("info", missing, CODER_LANG="nb")
    assert (result.returncode, result.stderr.strip()) == (1, f"coder: {missing}: prosjektet finnes ikke")


# ---- Norwegian order of names -----------------------------------------------------------------

def test_core_lists_names_in_norwegian_order(project):
    for text in ("Øst", "åpen", "Zebra", "ærlig", "alfa"):
        project.codes.add(text)
    for name in ("Ålesund", "bergen", "Ørsta"):
        project.documents.add(name, f"Litt tekst fra {name}.")
    assert [c.text for c in project.codes.list(order="name")] == ["alfa", "Zebra", "ærlig", "Øst", "åpen"]
    assert [d.name for d in project.documents.list()] == ["bergen", "Ørsta", "Ålesund"]


def test_cli_review_lists_ungrouped_codes_in_norwegian_order(project, run):
    for text in ("Øst", "åpen", "Zebra", "ærlig"):
        project.codes.add(text)
    project.close()
    lines = run("review", project.store.path).stdout.splitlines()
    assert [line.split("] ", 1)[1] for line in lines if line.startswith("  [")] == ["Zebra", "ærlig", "Øst", "åpen"]
