"""Excel exports neutralize formula injection, in every workbook (issue 14)."""

import pathlib
import re
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from peygir.core import xlsx

RISKY = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]


@pytest.mark.parametrize("value", RISKY)
def test_risky_text_is_written_as_text(value):
    book = Workbook()
    sheet = book.active
    xlsx.append(sheet, [value, 12, -5, "عادی"])
    data = xlsx.save(book)
    cell = load_workbook(BytesIO(data)).active["A1"]
    assert cell.data_type == "s" and cell.value == value and cell.quotePrefix
    raw = load_workbook(BytesIO(data)).active
    assert raw["B1"].value == 12 and raw["C1"].value == -5  # numbers stay numbers


def test_save_catches_a_cell_written_some_other_way():
    book = Workbook()
    book.active["A1"] = "=1+1"
    assert book.active["A1"].data_type == "f"
    cell = load_workbook(BytesIO(xlsx.save(book))).active["A1"]
    assert cell.data_type == "s" and cell.value == "=1+1"


def test_a_category_named_like_a_formula_stays_text_in_the_demand_report(world):
    from peygir.demands.reports import ReportRow
    from peygir.demands.reports_xlsx import report_xlsx

    fields = ReportRow.__dataclass_fields__
    row = ReportRow(**{name: 0 for name in fields} | {"label": "=cmd|' /C calc'!A0"})
    data = report_xlsx([row], group_by="category", period_from=None, period_to=None)
    sheet = load_workbook(BytesIO(data)).active
    cells = [c for r in sheet.iter_rows() for c in r if c.value == "=cmd|' /C calc'!A0"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_every_openpyxl_writer_goes_through_the_shared_helper():
    """A module that builds a workbook must use peygir.core.xlsx (append/write/save)."""
    root = pathlib.Path(__file__).resolve().parents[2] / "peygir"
    offenders = []
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "xlsx.py" and path.parent.name == "core":
            continue
        if re.search(r"^\s*(from openpyxl|import openpyxl)", text, re.M) and "Workbook" in text:
            if "peygir.core import xlsx" not in text and "peygir.core.xlsx" not in text:
                offenders.append(str(path.relative_to(root)))
            if re.search(r"\bbook\.save\(|\.save\(buffer\)", text):
                offenders.append(f"{path.relative_to(root)} saves without xlsx.save")
    assert not offenders, offenders
