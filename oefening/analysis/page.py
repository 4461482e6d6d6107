"""Self-contained HTML pages for ``analyse``, ``stress`` and ``sweep`` (``-o FILE.html``).

A page is a title and a list of sections; a section is a heading and HTML built here from
plain data, every text escaped (scenario names are shown, never obeyed). Pictures are inline
SVG, so the page is one file that opens anywhere without a network. Written atomically: a
half-written page never replaces a good one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

from oefening.errors import OefeningError, Problem

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bad { color: #b00; font-weight: bold; }
.figure { overflow: auto; border: 1px solid #eee; }
p.note { color: #555; font-size: 0.9em; }
"""


def table(head: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = ()) -> str:
    """An HTML table; the columns in ``numeric`` are right-aligned. Every cell is escaped."""
    out = ["<table><thead><tr>", *(f"<th>{escape(str(h))}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            cls = ' class="n"' if i in numeric else ""
            out.append(f"<td{cls}>{escape(str(cell))}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def paragraph(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(text)}</p>"


def figure(svg: str) -> str:
    """An inline SVG made by oefening itself (its texts are escaped where it is drawn)."""
    return f'<div class="figure">{svg}</div>'


def document(title: str, sections: Sequence[tuple[str, str]], lang: str) -> str:
    body = "".join(f"<h2>{escape(heading)}</h2>{html}" for heading, html in sections)
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><h1>{escape(title)}</h1>{body}</body></html>\n")


def check_html_path(path: str | Path) -> Path:
    """The page's path, refused (one line) unless it ends in .html in a folder that exists."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise OefeningError([Problem("-o takes a file name ending in .html", str(path))])
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OefeningError([Problem(f"the folder {directory} does not exist", str(path))])
    if path.is_dir():
        raise OefeningError([Problem("is a folder; give a file name ending in .html", str(path))])
    return path


def write_page(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file in the same folder, renamed)."""
    path = check_html_path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OefeningError([Problem(f"cannot write here: {error.strerror}", str(path))]) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
