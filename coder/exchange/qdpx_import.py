"""Import a REFI-QDA project (.qdpx, or a bare .qde) from MAXQDA, NVivo, ATLAS.ti, ….

Everything is read and checked first; then `Project.bulk.import_bundle` writes documents,
codes, groups, themes and codings as ONE undoable action, and within it the documents'
segments as they are worked out (see _Segmenter). Elements are matched by local
name (namespaces vary between tools), the .qde may have any name, the sources folder
any case, and positions are mapped onto coder's normalized text (refi_offsets.py).

A damaged or crafted file is refused in one line naming it where what it says cannot
be trusted (malformed XML or zip, a position that is no number, two codes or two users
with one GUID); where the rest is sound it is imported and the summary names what was
not: selections outside their text (skipped, never clamped), text that could not be
decoded (marked �), and GUIDs used twice (renewed).
"""

from __future__ import annotations

import copy
import re
import struct
import zipfile
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePosixPath

from lxml import etree

from coder.core import check_input_file
from coder.core.bulk import ExchangeBundle, ExchangeResult, NewCoding, codebook_codes
from coder.core.errors import CoderError
from coder.core.models import NewCode, NewCodebook, NewDocument, SegmentRow
from coder.exchange.qdpx_sidecar import ENTRY, Sidecar, read_sidecar
from coder.exchange.refi_codes import guid_or_new, read_codebook
from coder.exchange.refi_offsets import SourceText, decode_bytes
from coder.exchange.refi_time import read_stamp
from coder.exchange.xmlsafe import local, parse_bytes
from coder.gcpause import paused_gc
from coder.i18n import N_, _, ngettext
from coder.ingest.service import Ingest, document_segments, project_language
from coder.ingest.zipsafe import SafeZip
from coder.text.worker import Pending


@dataclass
class QdpxReport:
    path: str
    origin: str
    result: ExchangeResult = field(default_factory=ExchangeResult)
    skipped_sources: list[str] = field(default_factory=list)     # "name: why"
    utf16_sources: list[str] = field(default_factory=list)       # positions read as UTF-16 units
    skipped_selections: int = 0        # codings in sources not imported, or on spans empty once mapped
    outside: list[str] = field(default_factory=list)             # "«name»: 12–9999 (…)"
    outside_codings: int = 0                                     # on those selections, skipped
    damaged_text: list[str] = field(default_factory=list)        # "«name»: 1 character …"
    renewed_guids: list[str] = field(default_factory=list)       # "source «name»", "2 selections"

    def lines(self) -> list[str]:
        r = self.result
        out = [_("imported {path} (from {origin})").format(path=self.path, origin=self.origin or _("an unnamed tool")),
               _("  documents: {added} added, {reused} already in the project").format(
                   added=r.documents_added, reused=len(r.documents_reused)),
               _("  codes:     {added} added, {reused} matched existing codes").format(
                   added=r.codes_added, reused=r.codes_reused),
               _("  groups:    {groups} added; themes: {themes} added").format(
                   groups=r.groups_added, themes=r.themes_added),
               self._codings_line()]
        out += [_("  renamed: {what}").format(what=x) for x in r.documents_renamed]
        out += [_("  skipped source {what}").format(what=x) for x in self.skipped_sources]
        out += [_("  positions outside the text, codings skipped: {what}").format(what=x) for x in self.outside]
        out += [_("  damaged text in {what}").format(what=x) for x in self.damaged_text]
        renewed = self.renewed_guids + [_("document «{name}» (its GUID is another document's)").format(name=x)
                                        for x in r.guids_not_kept]
        if renewed:
            out.append(_("  GUIDs used twice, given new ones: {what}").format(what="; ".join(renewed)))
        if self.utf16_sources:
            out.append(_("  positions read as UTF-16 units in: {names}").format(names=", ".join(self.utf16_sources)))
        return out

    def _codings_line(self) -> str:
        r = self.result
        why = [(self.outside_codings + r.codings_outside, _("outside their text")),
               (r.codings_twice, _("there already (same coder, code and span)")),
               (r.codings_unknown_code, _("of no code in the codebook")),
               (self.skipped_selections, _("in sources not imported or on empty selections"))]
        skipped = sum(n for n, _why in why)
        line = _("  codings:   {added} added, {skipped} skipped").format(added=r.codings_added, skipped=skipped)
        return line + (f" ({', '.join(f'{n} {label}' for n, label in why if n)})" if skipped else "")


def _guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").lower()


def _children(el, name: str) -> list:
    """Child elements named `name` in any namespace or none (lxml's {*} does it in C)."""
    return list(el.iterchildren(f"{{*}}{name}"))


def _child(el, name: str):
    return next(el.iterchildren(f"{{*}}{name}"), None)


def _text_of(el, name: str) -> str | None:
    c = _child(el, name)
    return None if c is None or c.text is None or not c.text.strip() else c.text.strip()


class _Package:
    """The .qde and the source files beside it (in the zip, or none for a bare .qde)."""

    def __init__(self, path: Path):
        self.path = path
        self.zip: SafeZip | None = None
        check_input_file(path)
        if path.suffix.lower() == ".qde":
            try:
                self.qde_name, self.qde = path.name, path.read_bytes()
            except OSError as exc:
                raise CoderError(_("{path}: cannot be read ({why})").format(path=path, why=exc.strerror)) from None
            return
        self.zip = SafeZip(path)
        qdes = sorted((n for n in self.zip.names() if n.lower().endswith(".qde")),
                      key=lambda n: (n.lower() != "project.qde", n.count("/"), n))
        if not qdes:
            self.zip.close()
            raise CoderError(_("{path}: no .qde project file in the archive").format(path=path))
        self.qde_name, self.qde = qdes[0], self.zip.read(qdes[0])

    def unpacked_size(self) -> int:
        """Bytes of the project and its sources once unpacked."""
        return len(self.qde) if self.zip is None else self.zip.unpacked_size()

    def source(self, ref: str | None) -> bytes | None:
        """The bytes behind an `internal://` path; other schemes point outside the file."""
        if not ref or self.zip is None or not ref.lower().startswith("internal://"):
            return None
        name = PurePosixPath(ref[len("internal://"):]).name
        entry = self.zip.find(f"sources/{name}") or next(
            (n for n in self.zip.names() if PurePosixPath(n).name.lower() == name.lower()), None)
        return None if entry is None else self.zip.read(entry)

    @cached_property
    def sidecar(self) -> Sidecar:
        """What coder kept beside its own export (qdpx_sidecar); empty for other tools'."""
        entry = None if self.zip is None else self.zip.find(ENTRY)
        return read_sidecar(None if self.zip is None or entry is None else self.zip.read(entry))

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


# What lxml, zipfile, zlib and the codecs raise on a damaged or crafted file that the
# checks before them did not name (zipfile alone: NotImplementedError for an unknown
# version, RuntimeError for an encrypted entry, IndexError for an empty name): said as
# one line naming the file. Caught only around the reading, which writes nothing.
_JUNK = (etree.LxmlError, zipfile.BadZipFile, zlib.error, EOFError, struct.error, UnicodeError,
         ValueError, OverflowError, RecursionError, NotImplementedError, RuntimeError, IndexError, KeyError)


@paused_gc()
def import_qdpx(project, path: str | Path, ingest: Ingest | None = None) -> QdpxReport:
    """Read the package whole (its documents segmented by the ingest service's helper
    meanwhile, in the project's language), then write it as one action."""
    if ingest is None:
        with Ingest() as once:
            return import_qdpx(project, path, once)
    path = Path(path)
    if not path.is_file():
        raise CoderError(_("{path}: no such file").format(path=path))
    try:
        bundle, report = _read(path, _Segmenter(ingest, project_language(project)))
    except _JUNK as exc:
        raise CoderError(_("{path}: cannot be read, the file is damaged ({why})").format(
            path=path, why=_why(exc))) from None
    report.result = project.bulk.import_bundle(bundle, label=path.name)
    return report


def _why(exc: Exception) -> str:
    if isinstance(exc, (zlib.error, EOFError)):
        return _("an entry does not unpack")
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return _("an entry is encrypted")
    return f"{type(exc).__name__}: {exc}" if isinstance(exc, LookupError) else str(exc) or type(exc).__name__


def _read(path: Path, segmenter: _Segmenter) -> tuple[ExchangeBundle, QdpxReport]:
    """The whole package read and checked, before anything is written."""
    package = _Package(path)
    segmenter.large = package.unpacked_size() >= WORKER_FROM
    if segmenter.large:
        segmenter.ingest.start(document_segments.__module__)      # starts while the project is parsed
    try:
        where = f"{path}:{package.qde_name}"
        root = parse_bytes(package.qde, where)
        if local(root.tag) != "Project":
            raise CoderError(_("{path}: {name} is not a REFI-QDA project (root <{root}>)").format(
                path=path, name=package.qde_name, root=local(root.tag)))
        report = QdpxReport(str(path), root.get("origin", ""))
        bundle = ExchangeBundle()
        reader = _Sources(package, _users(root, where), _source_attributes(root), bundle, report, segmenter)
        sources = _child(root, "Sources")
        for source in ([] if sources is None else sources.iterchildren(etree.Element)):
            reader.read(source)
        if reader.selections_renewed:
            report.renewed_guids.append(_selections(reader.selections_renewed))
        bundle.codebook = _with_code_extras(_read_codebook(root, {_guid(c.code_guid) for c in bundle.codings}, where),
                                            package.sidecar.codes)
        bundle.later_segments = reader.segmenter.as_ready()
    finally:
        package.close()
    return bundle, report


def _users(root, where: str) -> dict[str, str]:
    """user GUID → name. Two users with one GUID and different names are refused: which
    of them made a coding could not be told, and who coded what is what agreement needs."""
    users: dict[str, str] = {}
    for holder in _children(root, "Users"):
        for u in _children(holder, "User"):
            guid, name = _guid(u.get("guid")), (u.get("name") or u.get("id") or "").strip()
            if guid and users.get(guid, name) != name:
                raise CoderError(_("{file}: refused, two users share the GUID {guid} («{one}» and «{other}»): whose "
                                   "codings are whose cannot be told").format(file=where, guid=guid,
                                                                               one=users[guid], other=name))
            users.setdefault(guid, name)
    return users


# ---- the codebook -------------------------------------------------------------
def _read_codebook(root, applied: set[str], where: str) -> NewCodebook | None:
    """The code tree as refi_codes reads it (the same reader as for .qdc), plus ATLAS.ti's
    code <Sets>; a parent node that was itself applied to text also becomes a code."""
    codebook, sets = _child(root, "CodeBook"), _child(root, "Sets")
    codes_el = None if codebook is None else _child(codebook, "Codes")
    if codes_el is None or not _children(codes_el, "Code"):
        return None
    holder = etree.Element("CodeBook")
    holder.append(copy.deepcopy(codes_el))
    code_sets = [s for s in ([] if sets is None else _children(sets, "Set")) if _children(s, "MemberCode")]
    if code_sets:
        holder.append(etree.Element("Sets"))
        holder[-1].extend(copy.deepcopy(s) for s in code_sets)
        for member in holder[-1].iter("{*}MemberCode", "MemberCode"):
            if member.get("guid") is None:       # Project.xsd says targetGUID, Codebook.xsd guid
                member.set("guid", member.get("targetGUID", ""))
    book = read_codebook(holder, where)
    known = {_guid(c.guid) for c in codebook_codes(book)}
    extra = [NewCode(" ".join((el.get("name") or "").split()), _text_of(el, "Description"), None,
                     guid_or_new(el.get("guid")))
             for el in codes_el.iter("{*}Code", "Code")
             if _guid(guid_or_new(el.get("guid"))) in applied - known and (el.get("name") or "").strip()]
    return replace(book, codes=book.codes + tuple(extra)) if extra else book


def _with_code_extras(book: NewCodebook | None, extras: dict[str, dict]) -> NewCodebook | None:
    """The codebook with the memos and in-vivo marks coder kept beside its own export."""
    if book is None or not extras:
        return book

    def code(c: NewCode) -> NewCode:
        extra = extras.get(_guid(c.guid))
        return replace(c, memo=extra["memo"], in_vivo=extra["in_vivo"]) if extra else c

    def group(g):
        return replace(g, codes=tuple(code(c) for c in g.codes))
    return replace(book, themes=tuple(replace(t, groups=tuple(group(g) for g in t.groups)) for t in book.themes),
                   groups=tuple(group(g) for g in book.groups), codes=tuple(code(c) for c in book.codes))


# ---- attributes: variables on sources and cases, set membership -----------------
def _value(vv) -> str | None:
    for c in vv:
        if local(c.tag) != "VariableRef":
            return (c.text or "").strip()
    return None


def _source_attributes(root) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """source guid → attributes from <Cases> (case name and its variables) and <Sets>;
    and variable guid → variable name."""
    names = {_guid(v.get("guid")): v.get("name", "") for vs in _children(root, "Variables")
             for v in _children(vs, "Variable")}
    out: dict[str, dict[str, str]] = {}
    for cases in _children(root, "Cases"):
        for case in _children(cases, "Case"):
            values = _variable_values(case, names)
            for ref in _children(case, "SourceRef"):
                attrs = out.setdefault(_guid(ref.get("targetGUID")), {})
                if case.get("name"):
                    attrs["case"] = case.get("name")
                attrs.update(values)
    for sets in _children(root, "Sets"):
        for s in _children(sets, "Set"):
            for ref in _children(s, "MemberSource"):
                attrs = out.setdefault(_guid(ref.get("targetGUID")), {})
                attrs["set"] = "; ".join(filter(None, [attrs.get("set"), s.get("name", "")]))
    return out, names


def _variable_values(el, names: dict[str, str]) -> dict[str, str]:
    values = {}
    for vv in _children(el, "VariableValue"):
        ref = _child(vv, "VariableRef")
        name = names.get(_guid(ref.get("targetGUID"))) if ref is not None else None
        value = _value(vv)
        if name and value is not None:
            values[name] = value
    return values


# ---- sources and their selections ---------------------------------------------
class _Sources:
    """Reads each <…Source> into the bundle. A GUID that a second source or selection
    repeats is renewed, not refused: codings sit inside their selection and selections
    inside their source, so nothing is lost; the second source gets a GUID of coder's
    own (selections always do). The report names them."""

    def __init__(self, package: _Package, users: dict[str, str], attributes: tuple[dict, dict],
                 bundle: ExchangeBundle, report: QdpxReport, segmenter: _Segmenter) -> None:
        self.package, self.users, self.attributes = package, users, attributes
        self.bundle, self.report = bundle, report
        self.segmenter = segmenter
        self.extras = package.sidecar.documents
        self.source_guids: set[str] = set()
        self.selection_guids: set[str] = set()
        self.selections_renewed = 0

    def read(self, source) -> None:
        kind = local(source.tag)
        name = (source.get("name") or "").strip() or _guid(source.get("guid")) or _("(no name)")
        selections = list(source.iter("{*}PlainTextSelection", "PlainTextSelection"))
        if kind != "TextSource":
            self._skip(source, _("«{name}»: {kind}, not text").format(name=name, kind=_media(kind)))
            return
        raw = self._raw_text(source, name)
        if raw is None or not raw.strip():
            why = self._no_text(source) if raw is None else _("the text is empty")
            self._skip(source, _("«{name}»: {why}").format(name=name, why=why))
            return
        for sel in selections:
            self._note_selection_guid(sel)
        text = SourceText(raw)
        where = f"{self.package.path}: source «{name}»"
        spans = [(_position(s, "startPosition", where), _position(s, "endPosition", where)) for s in selections]
        utf16 = self._units(text, spans, name)
        selections, spans = self._inside(text, utf16, selections, spans, name)
        index = self._document(source, name, text)
        for sel, (start, end) in zip(selections, text.map_spans(spans, utf16)):
            codings = _children(sel, "Coding")
            if start >= end:
                self.report.skipped_selections += len(codings)
                continue
            for coding in codings:
                self.bundle.codings.append(_coding(coding, index, start, end, self.users,
                                                   _text_of(sel, "Description"), sel))
        for coding in _children(source, "Coding"):          # a code on the whole source
            self.bundle.codings.append(_coding(coding, index, 0, len(text.text), self.users, None))

    def _skip(self, source, why: str) -> None:
        self.report.skipped_sources.append(why)
        self.report.skipped_selections += sum(1 for _ in source.iter("{*}Coding", "Coding"))

    def _units(self, text: SourceText, spans: list[tuple[int, int]], name: str) -> bool:
        """Whether positions count UTF-16 units, judged on the spans that fit either way."""
        origin = self.report.origin.lower()
        fitting = [(a, b) for a, b in spans if 0 <= a <= b <= text.length(True)]
        utf16 = text.best_units(fitting, prefer_utf16="nvivo" in origin and "mac" not in origin)
        if fitting and utf16 and text.has_astral:
            self.report.utf16_sources.append(name)
        return utf16

    def _inside(self, text: SourceText, utf16: bool, selections: list, spans: list[tuple[int, int]],
                name: str) -> tuple[list, list[tuple[int, int]]]:
        """The selections whose positions lie in the text. The others (negative, past the
        end, or start after end) are left out and reported: clamped, they would code
        other words than the tool's."""
        length = text.length(utf16)
        fits = [0 <= a <= b <= length for a, b in spans]
        bad = [(sel, span) for sel, span, ok in zip(selections, spans, fits) if not ok]
        if bad:
            shown = ", ".join(f"{_short(sel.get('startPosition'))}–{_short(sel.get('endPosition'))}"
                              for sel, _span in bad[:5])
            if len(bad) > 5:
                shown = _("{shown} and {n} more").format(shown=shown, n=len(bad) - 5)
            self.report.outside.append(_("«{name}»: {selections} at {shown} (the text ends at {length})").format(
                name=name, selections=_selections(len(bad)), shown=shown, length=length))
            self.report.outside_codings += sum(len(_children(sel, "Coding")) for sel, _ in bad)
        return ([sel for sel, ok in zip(selections, fits) if ok],
                [span for span, ok in zip(spans, fits) if ok])

    def _document(self, source, name: str, text: SourceText) -> int:
        """Adds the source as a document of the bundle; its index there."""
        by_source, variables = self.attributes
        attrs = dict(by_source.get(_guid(source.get("guid")), {}))
        attrs.update(_variable_values(source, variables))
        extra = self.extras.get(_guid(source.get("guid")))
        if extra is not None and extra.fits(text.text):     # coder's own: kind and segments as they were
            kind, language = extra.kind, extra.language
            # none kept (a text added bare, through the API): segmented as any tool's
            spans: tuple[tuple, ...] | None = tuple(s for s in extra.spans
                                                    if 0 <= s[0] < s[1] <= len(text.text)) or None
        else:
            kind, language, spans = _kind(text.text), self.segmenter.language, None
        self.bundle.documents.append(NewDocument(name, text.text, kind, language, attributes=attrs,
                                                 source_path=f"{self.package.path.name}:{name}"))
        self.segmenter.add(text.text, kind, spans, language)         # its segments come from there
        self.bundle.document_memos.append(_text_of(source, "Description"))
        guid = guid_or_new(source.get("guid"))
        if guid and _guid(guid) in self.source_guids:
            self.report.renewed_guids.append(_("source «{name}»").format(name=name))
            guid = None
        self.bundle.document_guids.append(guid)
        self.source_guids.add(_guid(guid))
        return len(self.bundle.documents) - 1

    def _note_selection_guid(self, selection) -> None:
        guid = _guid(selection.get("guid"))
        if guid and guid in self.selection_guids:
            self.selections_renewed += 1
        self.selection_guids.add(guid)

    def _raw_text(self, source, name: str) -> str | None:
        data = self.package.source(source.get("plainTextPath"))
        if data is not None:
            decoded = decode_bytes(data)
            if decoded.damaged:
                self.report.damaged_text.append(
                    _("«{name}»: the file is cut off or damaged ({encoding}); characters that could not be read, "
                      "marked �: {damaged}").format(name=name, encoding=decoded.encoding, damaged=decoded.damaged))
            return decoded.text
        content = _child(source, "PlainTextContent")
        return None if content is None else content.text or ""

    def _no_text(self, source) -> str:
        ref = (source.get("plainTextPath") or "").strip()
        if not ref:
            return _("no plain text in the file")
        if not ref.lower().startswith("internal://"):
            return _("no plain text in the file (its text is outside it: {ref})").format(ref=ref)
        if self.package.zip is None:
            return _("no plain text in the file (a bare .qde holds no sources: {ref})").format(ref=ref)
        return _("no plain text in the file ({ref} is not in the archive)").format(ref=ref)


# REFI-QDA's kinds of source other than text, as a reader names them.
_MEDIA = {"PictureSource": N_("picture"), "PDFSource": N_("PDF"), "AudioSource": N_("audio"),
          "VideoSource": N_("video")}


def _media(kind: str) -> str:
    return _(_MEDIA[kind]) if kind in _MEDIA else kind.removesuffix("Source").lower()


_HUGE = re.compile(r"[+-]?[0-9]{19,}")


def _position(selection, attribute: str, where: str) -> int:
    value = (selection.get(attribute) or "").strip()
    if _HUGE.fullmatch(value):             # past what int() reads; surely outside any text
        return -1 if value.startswith("-") else 1 << 62
    try:
        return int(value)
    except ValueError:
        raise CoderError(_("{file} has a selection with {attribute}=«{value}», not a number").format(
            file=where, attribute=attribute, value=_short(value))) from None


def _short(value: str | None) -> str:
    value = (value or "").strip()
    return value if len(value) <= 20 else value[:19] + "…"


def _selections(count: int) -> str:
    return ngettext("{n} selection", "{n} selections", count).format(n=count)


def _coding(coding, index: int, start: int, end: int, users: dict[str, str], memo: str | None,
            selection=None) -> NewCoding:
    """A Coding without its own user or time stamp (QualCoder's) takes its selection's."""
    ref = _child(coding, "CodeRef")
    owner = selection if selection is not None else coding

    def attribute(name: str) -> str | None:
        return coding.get(name) or owner.get(name)
    return NewCoding(index, (guid_or_new(ref.get("targetGUID")) if ref is not None else None) or "", start, end,
                     coder=users.get(_guid(attribute("creatingUser"))) or None,
                     created_at=read_stamp(attribute("creationDateTime")), memo=memo)


# Below this many characters, starting the worker process costs more than it saves.
WORKER_FROM = 2_000_000
# Documents whose segments are written in one insert, at most: the history is encoded
# between inserts, as they arrive, not all at the end.
_BATCH = 16


class _Segmenter:
    """Segments documents as they are read. With much text, every document goes to the
    worker process as soon as it is read, and `as_ready` hands over each one's segments
    as they come back, while this process writes the rest of the project. This process
    segments none itself while the worker lives: writing the segments' rows, their
    search index and history takes it about as long as segmenting takes the worker,
    and segmenting here as well would first cost it ~1.5 s CPU to load spaCy and
    simplemma's dictionary (benchmarks/bench_qdpx.py, fresh processes, on the loaded
    machine of the change: CPU of the two 12.5 → 9.4 s; rich vocabulary 14.0 → 12.0 s).

    Where a 10 MB import's wall time goes now (same bench, load ~1.3): reading and
    checking the package, each text drafted as it is read, 0.9 s; documents and
    codings 0.25 s; waiting for the worker's first document 0.15 s (it loads spaCy and
    simplemma meanwhile); the worker's 100 documents ~2.0 s, this process writing each
    batch as it comes (rows and search index ~1.8 s CPU, history ~0.3 s) and ending
    ~0.25 s after it; the history row and commit 0.25 s. Medians of 3 fresh processes,
    at 27c9d42 → now: 4.99 → 3.40 s (rich vocabulary 5.56 → 3.97 s; the
    worker is then the slower of the two)."""

    def __init__(self, ingest: Ingest, language: str) -> None:
        self.ingest, self.language = ingest, language
        self.jobs: list[tuple[str, str, str, tuple | None]] = []      # (text, kind, language, spans)
        self.sent: deque[tuple[int, Pending]] = deque()
        self.total = 0
        self.unsent = 0                                 # jobs[unsent:] have not gone to the worker
        self.large = False                              # set before reading: from the archive's size

    def add(self, text: str, kind: str, spans: tuple[tuple, ...] | None = None,
            language: str | None = None) -> None:
        self.jobs.append((text, kind, language or self.language, spans))
        self.total += len(text)
        if self.large or self.total >= WORKER_FROM:     # those added before it was worth it too
            for i in range(self.unsent, len(self.jobs)):
                self.sent.append((i, self.ingest.segments_elsewhere(*self.jobs[i])))
            self.unsent = len(self.jobs)

    def as_ready(self) -> Iterator[list[tuple[int, tuple[SegmentRow, ...]]]]:
        """Batches of (document index, its segments) for every document: from the worker,
        the next one it does with those done meanwhile (up to _BATCH); then (little
        text) each one worked out here when it is taken."""
        while self.sent:
            batch = [self._next()]
            while self.sent and len(batch) < _BATCH and self.sent[0][1].ready():
                batch.append(self._next())
            yield batch
        for i in range(self.unsent, len(self.jobs)):
            yield [(i, document_segments(*self.jobs[i]))]

    def _next(self) -> tuple[int, tuple[SegmentRow, ...]]:
        i, pending = self.sent.popleft()
        return i, pending.result()


def _kind(text: str) -> str:
    from coder.ingest.segments import has_speaker_turns
    return "interview" if has_speaker_turns(text) else "report"
