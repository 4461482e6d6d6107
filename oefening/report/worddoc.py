"""The after-action report as a Word document (.docx, python-docx), for the organisations that
circulate reports that way: the same sections as the HTML, tables as Word tables (the
improvement plan among them), the charts as PNG pictures, A4 pages.
"""

from __future__ import annotations

import io
from datetime import datetime

from oefening.report.aar import AfterAction, Table, w
from oefening.report.document import _heading, _Words
from oefening.words import tr
from oefening.words.formats import moment


def docx_bytes(aar: AfterAction, start: datetime) -> bytes:
    """The report as the bytes of a .docx file."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt, RGBColor

    lang, log = aar.lang, aar.log
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"{w('title', lang)}: {aar.title}"

    def table(data: Table) -> None:
        grid = doc.add_table(rows=1, cols=len(data.head))
        grid.style = "Light Grid Accent 1"
        for cell, text in zip(grid.rows[0].cells, data.head, strict=True):
            cell.text = text
        for row in data.rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text

    def picture(png: bytes, caption: str) -> None:
        doc.add_picture(io.BytesIO(png), width=Cm(17.0))
        doc.add_paragraph(caption, style="Caption")

    doc.add_heading(aar.title, level=0)
    doc.add_paragraph(w("title", lang))
    table(Table([tr("report.about", lang), ""], [list(fact) for fact in log.facts]))

    doc.add_heading(tr("report.scorecard", lang), level=1)
    for f in aar.card:
        para = doc.add_paragraph(style="List Bullet")
        run = para.add_run(f"{f.label}: {f.value}")
        run.bold = True
        if f.tone == "bad":
            run.font.color.rgb = RGBColor(0xC6, 0x28, 0x28)
        for detail in f.details:
            doc.add_paragraph(detail, style="List Bullet 2")
    for note in aar.notes:
        doc.add_paragraph(note).runs[0].italic = True

    if aar.teams is not None:
        doc.add_heading(tr("teams.scores_title", lang), level=1)
        table(aar.teams.scores)
        doc.add_heading(tr("teams.turns_title", lang), level=2)
        doc.add_paragraph(tr("teams.turns_intro", lang))
        table(aar.teams.turns)
        if aar.teams.allocation.rows:
            doc.add_heading(tr("teams.allocation_title", lang), level=2)
            table(aar.teams.allocation)
    doc.add_heading(w("participants", lang), level=1)
    if aar.participants:
        table(Table([w("name", lang), w("role", lang), w("organisation", lang)],
                    [[p.name, p.role, p.organisation] for p in aar.participants]))
    else:
        doc.add_paragraph(w("no_participants", lang))

    doc.add_heading(w("goals", lang), level=1)
    nothing = w("nothing_said", lang)
    for goal in aar.goals:
        doc.add_heading(f"{goal.number}. {goal.text}", level=2)
        para = doc.add_paragraph()
        para.add_run(f"{w('rating', lang)}: ").bold = True
        para.add_run(goal.rating_text)
        for key, text in (("strengths", goal.strengths), ("improvements", goal.improvements)):
            para = doc.add_paragraph()
            para.add_run(f"{w(key, lang)}: ").bold = True
            para.add_run(text or nothing)
        doc.add_paragraph(w("evidence", lang)).runs[0].bold = True
        for line in goal.evidence or [w("no_evidence", lang)]:
            doc.add_paragraph(line, style="List Bullet")
        if goal.actions:
            table(Table([w(k, lang) for k in ("action", "owner", "organisation", "due")], goal.actions))

    doc.add_heading(w("plan", lang), level=1)
    if aar.plan.rows:
        table(aar.plan)
    else:
        doc.add_paragraph(w("no_plan", lang))

    if aar.decisions.rows:
        doc.add_heading(w("mattered", lang), level=1)
        doc.add_paragraph(w("mattered_intro", lang))
        if aar.mattered.rows:
            table(aar.mattered)
        else:
            doc.add_paragraph(w("no_mattered", lang))
    if aar.compare.rows:
        doc.add_heading(w("compare", lang), level=1)
        doc.add_paragraph(w("compare_intro", lang, seed=aar.seed))
        table(aar.compare)
    if aar.luck:
        doc.add_heading(w("luck", lang), level=1)
        for line in aar.luck:
            doc.add_paragraph(line)
        if aar.luck_chart is not None:
            picture(aar.luck_chart.png, aar.luck_chart.caption)
    if aar.charts:
        doc.add_heading(w("charts", lang), level=1)
        for chart in aar.charts:
            picture(chart.png, chart.caption)
    if aar.facility_chart is not None:
        doc.add_heading(w("facilities", lang), level=1)
        picture(aar.facility_chart.png, aar.facility_chart.caption)
    if aar.decisions.rows:
        doc.add_heading(w("all_decisions", lang), level=1)
        table(aar.decisions)

    doc.add_heading(tr("report.processes", lang), level=1)
    table(Table(log.head, log.rows))
    doc.add_heading(tr("report.course", lang), level=1)
    words = _Words(lang)
    for turn in log.turns:
        doc.add_heading(_heading(words, turn, start, lang), level=3)
        for item in turn.items:
            para = doc.add_paragraph(style="List Bullet")
            para.add_run(f"{moment(start, item.t, lang, year=False)}  ").italic = True
            para.add_run(item.text)
            if item.detail:
                doc.add_paragraph(item.detail, style="List Bullet 2")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
