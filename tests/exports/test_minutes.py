"""The official minutes: PDF text in logical order, Word table right-to-left, hostile text inert."""

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from peygir.committees import services
from peygir.exports.minutes import minutes_docx, minutes_html, minutes_pdf
from tests.committees.s3 import RESPONSIBLE_1, TEXT_1, TEXT_2B, build_s3

HEADERS = ["ردیف", "مصوبات", "مهلت اقدام", "مسئول پیگیری"]
HOSTILE = '<script>alert("x")</script><img src="file:///etc/passwd"> & «ok»'


def pdf_text(data: bytes, tmp_path) -> str:
    """`pdftotext -layout`, as a person copying from the PDF would get it (logical order)."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed: apt-get install poppler-utils (make test does)"
    path = tmp_path / "minutes.pdf"
    path.write_bytes(data)
    out = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, check=True, timeout=60)
    # Poppler wraps right-to-left runs in embedding marks; they are not text.
    return out.stdout.decode("utf-8").translate({0x202A: None, 0x202B: None, 0x202C: None, 0x200F: None})


@pytest.fixture
def approved_s3(world):
    return build_s3(world, approve=True)


def test_pdf_is_a4_and_reads_in_logical_order(approved_s3, tmp_path):
    data = minutes_pdf(approved_s3.meeting)
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    info = subprocess.run(
        [shutil.which("pdfinfo"), str(tmp_path / "minutes.pdf")], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert "(A4)" in info
    for words in (
        "اداره کل نوسازی مدارس",
        "اداره کل نوسازی مدارس نسبت به رفع نقایص",
        "مهلت اقدام",
        "مسئول پیگیری",
    ):
        assert words in text, words
    assert "مصوبات" in text and "ردیف" in text
    # lam-alef survives extraction (the ligature is off in the minutes' CSS)
    assert "سلامت" in text and "سالمت" not in text
    assert "دبیرخانه کارگروه نسبت به ارزیابی" in text and "دستگاه‌های اجرایی عضو".replace("\u200c", "") in text
    assert "یک ماه" in text and "۱۴۰۲/۰۸/۱۸" in text  # as written, plus the date it means
    assert "۱۴۰۲/۱۲/۲۹" in text
    # Digits inside Persian text come out of poppler with shifted spaces; check them apart.
    assert "با حضور اکثریت اعضاء" in text and "۱۴۰۲/۰۷/۱۸" in text and "۱۰:۰۰" in text
    fonts = subprocess.run(
        [shutil.which("pdffonts"), str(tmp_path / "minutes.pdf")], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert "Vazirmatn" in fonts  # the bundled font is embedded, not a system fallback


def test_docx_has_the_rtl_resolutions_table(approved_s3):
    document = Document(io.BytesIO(minutes_docx(approved_s3.meeting)))
    tables = [t for t in document.tables if [c.text for c in t.rows[0].cells] == HEADERS]
    assert len(tables) == 1
    table = tables[0]
    assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert (
        rows[0][0] == "۱" and TEXT_1 in rows[0][1] and "یک ماه" in rows[0][2] and rows[0][3] == RESPONSIBLE_1
    )
    assert rows[1][0] == "۲" and "الف) " in rows[1][1] and f"ب) {TEXT_2B}" in rows[1][1]
    assert "۱۴۰۲/۱۲/۲۹" in rows[1][2]
    body = document.element.body
    paragraphs = body.findall(".//" + qn("w:p"))
    assert paragraphs and all(p.find(qn("w:pPr") + "/" + qn("w:bidi")) is not None for p in paragraphs)
    runs = body.findall(".//" + qn("w:r"))
    assert runs and all(r.find(qn("w:rPr") + "/" + qn("w:rtl")) is not None for r in runs)
    assert runs[0].find(qn("w:rPr") + "/" + qn("w:rFonts")).get(qn("w:cs")) == "Vazirmatn"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "با حضور اکثریت اعضاء" in text and "دکتر مخلص الائمه" in text


def test_hostile_text_prints_literally(world, approved_s3, tmp_path):
    services.resolution_create(
        user=world.users["office_staff"],
        meeting=approved_s3.meeting,
        text=HOSTILE,
        responsible=[world.agency],
        deadline_text="یک ماه",
    )
    html = minutes_html(approved_s3.meeting)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img src" not in html
    text = pdf_text(minutes_pdf(approved_s3.meeting), tmp_path)
    # Printed as text (the leading bracket is mirrored by the bidi algorithm in a right-to-left cell).
    assert "</script><img src=" in text and "&lt;" not in text
    document = Document(io.BytesIO(minutes_docx(approved_s3.meeting)))
    assert any(HOSTILE in cell.text for table in document.tables for row in table.rows for cell in row.cells)


def test_draft_minutes_say_so(world, s3, tmp_path):
    text = pdf_text(minutes_pdf(s3.meeting), tmp_path)
    assert "هنوز تأیید نشده است" in text


def test_docx_is_persian_and_numbers_its_pages(approved_s3):
    document = Document(io.BytesIO(minutes_docx(approved_s3.meeting)))
    assert document.core_properties.language == "fa-IR"
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:bidi")) == "fa-IR" and lang.get(qn("w:val")) == "fa-IR"
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:bidi")) == "fa-IR"
    footer = document.sections[0].footer.paragraphs[0]
    instructions = [e.text.strip() for e in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("صفحه") and " از " in footer.text
    assert footer._p.pPr.find(qn("w:bidi")) is not None


def test_docx_names_a_font_for_where_vazirmatn_is_not_installed(approved_s3):
    """Word keeps no fallback list: the font table declares Vazirmatn as an Arabic-script font (charset
    B2) with an alternate name, which Word uses on a computer without Vazirmatn."""
    document = Document(io.BytesIO(minutes_docx(approved_s3.meeting)))
    table = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(table.blob)
    fonts = {f.get(qn("w:name")): f for f in root.iter(qn("w:font"))}
    vazirmatn = fonts["Vazirmatn"]
    assert vazirmatn.find(qn("w:altName")).get(qn("w:val")) == "B Nazanin"
    assert vazirmatn.find(qn("w:charset")).get(qn("w:val")) == "B2"
    runs = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert runs.get(qn("w:cs")) == "Vazirmatn"
