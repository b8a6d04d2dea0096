"""Excel workbooks for officials: one sheet per table, frozen header row, column widths that fit the text.

    >>> import pandas as pd, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "ke-hoach.xlsx")
    >>> write_xlsx({"văn bản": pd.DataFrame({"số": ["0124"], "trích yếu": ["Kế hoạch thi đua"]})}, path)
    >>> import openpyxl; ws = openpyxl.load_workbook(path)["văn bản"]
    >>> ws.freeze_panes, ws["A2"].value
    ('A2', '0124')
"""
from __future__ import annotations

import math
import os
import re
from typing import Any

from vnplan.views import register

__all__ = ["MAX_WIDTH", "write_xlsx"]

MAX_WIDTH = 80  # characters; longer text wraps inside the cell
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        import json

        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)  # control characters XML cannot hold (openpyxl would raise)
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            return None
        if isinstance(value, pd.Timestamp):
            return value.to_pydatetime().date()
    except ImportError:  # pragma: no cover
        pass
    return value


def _as_text(row: Any) -> None:
    """Text that looks like a formula (``=HYPERLINK(…)``, ``- Như trên``) stays text: a string cell shown as is."""
    for c in row:
        if isinstance(c.value, str) and c.value.startswith(_FORMULA_START):
            c.data_type = "s"
            c.quotePrefix = True


@register("tables.xlsx")
def write_xlsx(sheets: dict[str, Any], path: str | os.PathLike[str], *, force: bool = True) -> None:
    """Write DataFrames to ``path``, one sheet each (names cut to Excel's 31 characters).

    The workbook is written to a temporary file and renamed over ``path``; no cell is ever a formula.
    With ``force=False`` an existing file that vnplan did not write is refused (`OutputExistsError`)."""
    from vnplan.export.outfile import claim, remember, write_atomic

    if not force:
        claim([path])
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(str(name).translate(_BAD_SHEET_CHARS)[:31])
        columns = [str(c) for c in df.columns]
        ws.append([_cell(c) for c in columns])
        for row in df.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for cells in ws.iter_rows():
            _as_text(cells)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEF1F5")
        ws.freeze_panes = "A2"
        if columns:
            ws.auto_filter.ref = ws.dimensions
        for idx, col in enumerate(ws.iter_cols(min_row=1, max_row=min(ws.max_row, 500)), start=1):
            longest = max((len(str(c.value)) for c in col if c.value is not None), default=4)
            width = min(MAX_WIDTH, max(6, longest + 2))
            ws.column_dimensions[col[0].column_letter].width = width
            if longest > MAX_WIDTH:
                for c in col[1:]:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
        for c in ws["A"][1:]:  # keep numbers with leading zeros as text
            if isinstance(c.value, str):
                c.number_format = "@"
    write_atomic(path, wb.save)
    remember([path])
