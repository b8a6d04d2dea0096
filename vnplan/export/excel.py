"""Excel workbooks for officials: one sheet per table, frozen header row, column widths that fit the text.

    >>> import pandas as pd, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "ke-hoach.xlsx")
    >>> write_xlsx({"văn bản": pd.DataFrame({"số": ["0124"], "trích yếu": ["Kế hoạch thi đua"]})}, path)
    >>> import openpyxl; ws = openpyxl.load_workbook(path)["văn bản"]
    >>> ws.freeze_panes, ws["A2"].value
    ('A2', '0124')
"""
from __future__ import annotations

import os
from typing import Any

__all__ = ["MAX_WIDTH", "write_xlsx"]

MAX_WIDTH = 80  # characters; longer text wraps inside the cell
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
            return None
        if isinstance(value, pd.Timestamp):
            return value.to_pydatetime().date()
    except ImportError:  # pragma: no cover
        pass
    return value


def write_xlsx(sheets: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Write DataFrames to ``path``, one sheet each (names cut to Excel's 31 characters)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(str(name).translate(_BAD_SHEET_CHARS)[:31])
        columns = [str(c) for c in df.columns]
        ws.append(columns)
        for row in df.itertuples(index=False):
            ws.append([_cell(v) for v in row])
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
    wb.save(os.fspath(path))
