"""Codebook commands: `import-codebook`, `anchor`, and `proposals list/accept/reject`
for reviewing the codings anchoring proposes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from coder.cli.common import coder_option, echo_json, json_option, open_project, project_argument, user_errors
from coder.cli.translated import command, group
from coder.i18n import N_, _, ngettext

threshold_option = click.option(
    "--threshold", type=click.FloatRange(0, 100), default=None, show_default=False,
    help=N_("Lowest match score (0–100) to propose; default 75. Codes of few words need more."))
accept_option = click.option(
    "--accept-above", type=click.FloatRange(0, 100), default=None,
    help=N_("Accept proposals scoring at least this at once (e.g. 95)."))


kind_option = click.option(
    "--kind", "kinds", multiple=True, metavar="KIND",
    help=N_("Anchor in documents of this kind (e.g. report); repeatable. Default: the documents "
            "where informants speak (interview, survey, speaker turns, an informant attribute)."))


def _anchor(project, threshold: float | None, accept_above: float | None, kinds: tuple[str, ...],
            codebook_file: Path | None = None) -> None:
    from coder.exchange.anchoring import DEFAULT_THRESHOLD, SPEAKING_KINDS, anchor
    r = anchor(project, threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
               accept_above=accept_above, kinds=list(kinds) or None, codebook_file=codebook_file)
    if not r.documents and not r.skipped:
        present = sorted({d.kind for d in project.documents.list()})
        click.echo(_("anchoring: no documents where informants speak ({kinds}, speaker turns or an informant "
                     "attribute); name the kinds to search with --kind (present: {present})")
                   .format(kinds=", ".join(SPEAKING_KINDS), present=", ".join(present) or _("none")))
        return
    click.echo(_("anchoring in {documents} ({kinds}), score ≥ {threshold}: {codes} ({short} of under 4 words, "
                 "anchored only where said verbatim once), {anchored} anchored, {proposals}")
               .format(documents=ngettext("{n} document", "{n} documents", r.documents).format(n=r.documents),
                       kinds=", ".join(r.kinds), threshold=f"{r.threshold:g}",
                       codes=ngettext("{n} code without codings", "{n} codes without codings",
                                      r.considered).format(n=r.considered),
                       short=r.short, anchored=r.anchored,
                       proposals=ngettext("{n} new proposal", "{n} new proposals", r.proposals).format(n=r.proposals))
               + (_(", {n} accepted").format(n=r.accepted) if accept_above is not None else ""))
    for line in r.skipped:
        click.echo(f"  {line}")


@command("import-codebook",
         help=N_("Add the themes, groups and codes of FILE (.qdc, .csv, .xlsx, .md or .txt outline) to PATH."))
@project_argument
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--anchor", "do_anchor", is_flag=True,
              help=N_("Then locate codes without codings in the documents and propose codings."))
@threshold_option
@accept_option
@kind_option
@coder_option
@user_errors
def import_codebook_cmd(path: Path, file: Path, do_anchor: bool, threshold: float | None,
                        accept_above: float | None, kinds: tuple[str, ...], coder_name: str | None) -> None:
    from coder.exchange.anchoring import searched_documents
    from coder.exchange.codebook_import import import_codebook
    with open_project(path, coder_name) as project:
        if do_anchor and kinds:
            searched_documents(project, list(kinds))     # an unknown kind fails before anything is changed
        r = import_codebook(project, file)
        codes = r.codes_added + r.codes_existing
        click.echo(_("imported {file}: {codes} ({new} new, {existing} already there), {groups}, {themes}")
                   .format(file=file, codes=ngettext("{n} code", "{n} codes", codes).format(n=codes),
                           new=r.codes_added, existing=r.codes_existing,
                           groups=ngettext("{n} group", "{n} groups", r.groups_added).format(n=r.groups_added),
                           themes=ngettext("{n} theme", "{n} themes", r.themes_added).format(n=r.themes_added))
                   + (ngettext("; {n} repeated code kept once", "; {n} repeated codes kept once", r.duplicates)
                      .format(n=r.duplicates) if r.duplicates else ""))
        for line in r.renumbered:
            click.echo(_("  number taken, renumbered: {line}").format(line=line))
        if do_anchor:
            _anchor(project, threshold, accept_above, kinds, codebook_file=file)


@command("anchor", help=N_("Propose codings for the codes of PATH that have none, by fuzzy search of the documents."))
@project_argument
@threshold_option
@accept_option
@kind_option
@coder_option
@user_errors
def anchor_cmd(path: Path, threshold: float | None, accept_above: float | None, kinds: tuple[str, ...],
               coder_name: str | None) -> None:
    with open_project(path, coder_name) as project:
        _anchor(project, threshold, accept_above, kinds)


@group("proposals", help=N_("Review the codings anchoring proposes: list, accept, reject."))
def proposals() -> None:
    pass


@proposals.command("list", help=N_("Proposals, best first: id, score, code, document and the proposed passage."))
@project_argument
@click.option("--min-score", type=float, help=N_("Only proposals scoring at least this."))
@click.option("--code", "code_id", type=int, help=N_("Only proposals for this code id."))
@json_option
@user_errors
def list_cmd(path: Path, min_score: float | None, code_id: int | None, as_json: bool) -> None:
    with open_project(path) as project:
        items = project.proposals.list(code_id=code_id, min_score=min_score)
        codes = {c.id: c.text for c in project.codes.list(order="id")}
        docs = {d.id: d.name for d in project.documents.list()}
        texts = {d: project.documents.text(d) for d in {p.document_id for p in items}}
    if as_json:
        echo_json([{**dataclasses.asdict(p), "code": codes[p.code_id], "document": docs[p.document_id],
                    "passage": texts[p.document_id][p.start:p.end]} for p in items])
        return
    for p in items:
        passage = " ".join(texts[p.document_id][p.start:p.end].split())
        click.echo(f"{p.id:>5}  {p.score:5.1f}  {codes[p.code_id]}\n"
                   f"{'':13}{docs[p.document_id]} [{p.start}:{p.end}] «{passage}»")
    click.echo(ngettext("{n} proposal", "{n} proposals", len(items)).format(n=len(items)))


@proposals.command("accept", help=N_("Turn proposals into codings: the ones named by IDS, or all with --min-score."))
@project_argument
@click.argument("ids", nargs=-1, type=int)
@click.option("--min-score", type=float, help=N_("Accept all proposals scoring at least this."))
@coder_option
@user_errors
def accept_cmd(path: Path, ids: tuple[int, ...], min_score: float | None, coder_name: str | None) -> None:
    with open_project(path, coder_name) as project:
        coded = project.proposals.accept(list(ids) if ids else None, min_score=min_score)
    click.echo(ngettext("accepted {n} proposal as a coding", "accepted {n} proposals as codings", len(coded))
               .format(n=len(coded)))


@proposals.command("reject", help=N_("Drop proposals: the ones named by IDS, all below a score, or --all."))
@project_argument
@click.argument("ids", nargs=-1, type=int)
@click.option("--below", type=float, help=N_("Reject all proposals scoring below this."))
@click.option("--all", "reject_all", is_flag=True, help=N_("Reject every proposal."))
@coder_option
@user_errors
def reject_cmd(path: Path, ids: tuple[int, ...], below: float | None, reject_all: bool,
               coder_name: str | None) -> None:
    from coder.core.errors import CoderError
    if not ids and below is None and not reject_all:
        raise CoderError(_("{path}: say which proposals to reject (ids, --below SCORE or --all)").format(path=path))
    with open_project(path, coder_name) as project:
        n = project.proposals.reject(list(ids) if ids else None, max_score=below)
    click.echo(ngettext("rejected {n} proposal", "rejected {n} proposals", n).format(n=n))


COMMANDS = [import_codebook_cmd, anchor_cmd, proposals]
