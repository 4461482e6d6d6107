"""Writing the after-action report: the extension picks the format (.html self-contained with
an A4 print stylesheet, .md Markdown, .docx Word), the file appears whole or not at all, and
neither the journal nor its scenario is ever overwritten.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from oefening.errors import OefeningError, Problem
from oefening.report.aar import WORLDS, build_aar
from oefening.words.plain import plain

if TYPE_CHECKING:
    from oefening.journal.session import Session

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}


def format_of(path: str | Path) -> str:
    """html, markdown or docx, by the extension; OefeningError for any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise OefeningError([Problem(
            f"unknown report format {suffix or '(no extension)'!r}; use .html, .md or .docx", str(path))])
    return FORMATS[suffix]


def report_bytes(session: Session, kind: str, lang: str | None = None, worlds: int = WORLDS) -> bytes:
    """The report of ``session`` in format ``kind``, as the bytes of the file."""
    from oefening.report import render

    aar = build_aar(session, lang, worlds, with_charts=kind != "markdown")
    start = session.scenario.start
    if kind == "docx":
        from oefening.report.worddoc import docx_bytes

        return docx_bytes(aar, start)
    # escaped for its format by the renderer; control characters made visible here
    text = plain(render.html(aar, start) if kind == "html" else render.markdown(aar, start))
    return text.encode("utf-8", errors="replace")


def write_report(session: Session, path: str | Path, *, lang: str | None = None, worlds: int = WORLDS) -> None:
    """Write the report to ``path``; the extension (.html, .md, .docx) decides the format."""
    kind = format_of(path)
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OefeningError([Problem(f"the folder {directory} does not exist", str(path))])
    if path.is_dir():
        raise OefeningError([Problem("is a folder; give a file name ending in .html, .md or .docx", str(path))])
    if path.exists() and path.resolve() == Path(session.journal_path).resolve():
        raise OefeningError([Problem("is the journal itself; the report would overwrite it", str(path))])
    if path.exists() and path.resolve() in {Path(session.header.scenario_path).resolve(),
                                            session.scenario_file.resolve()}:
        raise OefeningError([Problem("is the journal's scenario file; the report would overwrite it", str(path))])
    data = report_bytes(session, kind, lang, worlds)
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OefeningError([Problem(f"cannot write here: {error.strerror}", str(path))]) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a report is for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
