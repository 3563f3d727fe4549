"""The minutes as a Word file people can still edit and sign (python-docx).

python-docx has no right-to-left switches, so the OOXML ones are set directly: `w:bidi` on every
paragraph and on the section, `w:bidiVisual` on tables (first column at the right), `w:rtl` and a
complex-script font on every run. Word has no font fallback list; the font table names B Nazanin as
Vazirmatn's alternate, which Word uses when Vazirmatn is not installed.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree

from peygir.core.text import to_persian_digits

from .minutes import MinutesData

FONT = "Vazirmatn"
FALLBACK_FONT = "B Nazanin"
SIZE = Pt(11)
_PPR_AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_TBLPR_AFTER_BIDI = (
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
)


def _set_rtl_paragraph(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:bidi")) is None:
        ppr.insert_element_before(OxmlElement("w:bidi"), *_PPR_AFTER_BIDI)


def _fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    fonts.set(qn("w:hint"), "cs")


def _run(paragraph, text: str, *, bold: bool = False, size: Pt | None = None):
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = size or SIZE
    rpr = run._r.get_or_add_rPr()
    _fonts(rpr)
    rtl = OxmlElement("w:rtl")
    rpr.append(rtl)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int((size or SIZE).pt * 2)))
    rpr.append(size_cs)
    if bold:
        rpr.append(OxmlElement("w:bCs"))
    return run


def _para(container, text: str = "", *, bold: bool = False, size: Pt | None = None, center: bool = False):
    paragraph = container.add_paragraph()
    _set_rtl_paragraph(paragraph)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(2)
    if text:
        _run(paragraph, text, bold=bold, size=size)
    return paragraph


def _cell(cell, lines: list[tuple[str, bool]], *, center: bool = False) -> None:
    """Fill a table cell with right-to-left paragraphs (the first reuses the cell's empty paragraph)."""
    first = cell.paragraphs[0]
    _set_rtl_paragraph(first)
    if center:
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, (text, bold) in enumerate(line for line in lines if line[0]):
        paragraph = first if index == 0 else _para(cell, center=center)
        _run(paragraph, text, bold=bold, size=Pt(10))


def _table(document, headers: list[str], widths_mm: list[int]):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid Word and LibreOffice lay out by
    tblpr = table._tbl.tblPr
    tblpr.insert_element_before(OxmlElement("w:bidiVisual"), *_TBLPR_AFTER_BIDI)
    for cell, header, width in zip(table.rows[0].cells, headers, widths_mm, strict=True):
        _cell(cell, [(header, True)], center=True)
        cell.width = Mm(width)
        shading = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="E8E8E8"/>')
        cell._tc.get_or_add_tcPr().append(shading)
    return table


def _fill_row(
    table, values: list[list[tuple[str, bool]]], widths_mm: list[int], *, center_first: bool = True
):
    cells = table.add_row().cells
    for index, (cell, lines, width) in enumerate(zip(cells, values, widths_mm, strict=True)):
        cell.width = Mm(width)
        _cell(cell, lines, center=center_first and index == 0)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(16)
    sectpr = section._sectPr
    sectpr.insert_element_before(
        OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"
    )
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = SIZE
    _fonts(normal.element.get_or_add_rPr())
    _persian_language(document, normal.element.get_or_add_rPr())
    _alternate_font(document)
    _page_numbers(section)


def _persian_language(document, rpr) -> None:
    """Mark the text as Persian, so Word checks its spelling as Persian, shapes digits by context and
    picks Persian-capable fonts for it; also the file's own language property."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "fa-IR")
    lang.set(qn("w:bidi"), "fa-IR")
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), "fa-IR")
    theme_lang.set(qn("w:bidi"), "fa-IR")
    document.core_properties.language = "fa-IR"


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the pages out."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("result", "1"),
        ("end", None),
    ):
        run = _run(paragraph, "")
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "result":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _page_numbers(section) -> None:
    """«صفحه ۱ از ۳» at the foot of every page, so a signed paper copy shows no page is missing."""
    paragraph = section.footer.paragraphs[0]
    _set_rtl_paragraph(paragraph)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, _("صفحه") + " ", size=Pt(9))
    _field(paragraph, "PAGE")
    _run(paragraph, " " + _("از") + " ", size=Pt(9))
    _field(paragraph, "NUMPAGES")


def _alternate_font(document) -> None:
    """Declare Vazirmatn in the font table with B Nazanin as its alternate name."""
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = parse_xml(part.blob)
        font = parse_xml(
            f'<w:font {nsdecls("w")} w:name="{FONT}"><w:altName w:val="{FALLBACK_FONT}"/>'
            '<w:charset w:val="B2"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        )
        root.append(font)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_docx(m: MinutesData) -> bytes:
    document = Document()
    _setup(document)
    if not m.approved:
        _para(document, _("پیش‌نویس — این صورتجلسه هنوز تأیید نشده است"), bold=True, center=True)
    _para(document, m.heading, bold=True, size=Pt(15), center=True)
    meta = [
        (_("شماره جلسه"), m.number),
        (_("تاریخ"), f"{m.date_long} ({m.date})"),
        (_("ساعت"), m.time),
        (_("محل"), m.place),
        (_("رئیس جلسه"), f"{m.chair}، {m.chair_title}" if m.chair_title else m.chair),
        (_("حد نصاب"), m.quorum_note),
    ]
    for key, value in meta:
        paragraph = _para(document)
        _run(paragraph, f"{key}: ", bold=True)
        _run(paragraph, value or "—")
    _para(document, m.intro)

    _para(document, _("دستور جلسه"), bold=True, size=Pt(12))
    for item in m.agenda:
        line = f"{item.number}- {item.title}"
        if item.presenter:
            line += " " + _("(ارائه‌دهنده: %(p)s)") % {"p": item.presenter}
        _para(document, line)
        for child in item.children:
            _para(document, f"    {child.number}- {child.title}")

    _para(document, _("حاضرین و غایبین"), bold=True, size=Pt(12))
    for title, people in (
        (_("حاضرین"), m.present),
        (_("با نماینده"), m.represented),
        (_("غایبین"), m.absent),
    ):
        paragraph = _para(document)
        _run(paragraph, f"{title}: ", bold=True)
        text = "؛ ".join(f"{p.name} ({p.detail})" if p.detail else p.name for p in people)
        _run(paragraph, text or "—")

    _para(document, _("مطالب مطروحه"), bold=True, size=Pt(12))
    for item in m.agenda:
        _para(document, f"{item.number}- {item.title}", bold=True)
        if item.referred_from:
            _para(document, item.referred_from)
        if item.description:
            _para(document, item.description)
        for row in item.followup:
            status = row.status_label + (" — " + _("معوق") if row.overdue else "")
            _para(document, f"{row.ref}) {row.text} — {'، '.join(row.responsible)} — {status}")
        for note in [*item.notes, *(n for child in item.children for n in child.notes)]:
            paragraph = _para(document)
            _run(paragraph, f"{note.speaker}: ", bold=True)
            _run(paragraph, note.summary)
        if item.referred_to:
            _para(document, _("این دستور برای بررسی به %(c)s ارجاع شد.") % {"c": item.referred_to})
        for decision in item.decisions:
            _para(document, _("تصمیم کارگروه: %(d)s") % {"d": decision})

    _para(document, _("مصوبات"), bold=True, size=Pt(12))
    widths = [12, 95, 30, 40]
    table = _table(document, m.headers, widths)
    for row in m.rows:
        text = [(row.preamble, False), (row.text, False)] + [
            (f"{ln.label}) {ln.text}", False) for ln in row.lines
        ]
        deadline = [(row.deadline, False)] + [
            (f"{ln.label}) {ln.deadline}", False) for ln in row.lines if ln.deadline
        ]
        responsible = [(row.responsible, False)] + [
            (f"{ln.label}) {ln.responsible}", False) for ln in row.lines if ln.responsible
        ]
        _fill_row(table, [[(row.number, False)], text, deadline, responsible], widths)

    if m.amendments:
        _para(document, _("اصلاحیه‌های پس از تأیید"), bold=True, size=Pt(12))
        for amendment in m.amendments:
            _para(document, amendment)

    _para(document, _("امضاها"), bold=True, size=Pt(12))
    signatures = _table(document, [_("رئیس جلسه"), _("دبیر")], [88, 88])
    _fill_row(
        signatures,
        [[(m.chair, True), (m.chair_title, False)], [(m.secretary, True), (m.secretary_title, False)]],
        [88, 88],
        center_first=False,
    )
    _para(document)
    signers = _table(document, [_("ردیف"), _("حاضرین"), _("امضا")], [12, 120, 45])
    for index, person in enumerate(m.signers, start=1):
        name = f"{person.name} — {person.detail}" if person.detail else person.name
        _fill_row(
            signers, [[(to_persian_digits(index), False)], [(name, False)], [("", False)]], [12, 120, 45]
        )

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
