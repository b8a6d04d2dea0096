"""CSS that wins over the notebook host's table styles (JupyterLab, classic Notebook, VS Code).

Hosts right-align table cells (``.jp-RenderedHTMLCommon td``, ``.rendered_html td``),
fix the table layout and, in some themes, cut text with ``text-overflow`` or break words
anywhere.  Every vnplan view has a root class; `host_reset` gives rules under that class,
doubled for specificity and marked ``!important`` for the properties hosts set, so cells
stay left-aligned, top-aligned and wrap between words only.

    >>> "text-align: left !important" in host_reset("vnp")
    True
"""
from __future__ import annotations

__all__ = ["host_reset"]


def host_reset(root: str) -> str:
    """Rules that undo host table styles inside ``.{root}``."""
    sel = f".{root}.{root}"
    return (
        f"{sel} table {{ border-collapse: collapse !important; table-layout: auto !important; "
        f"margin: 0 !important; max-width: 100% !important; }}\n"
        f"{sel} th, {sel} td {{ text-align: left !important; vertical-align: top !important; "
        f"white-space: normal !important; word-break: normal !important; overflow-wrap: break-word !important; "
        f"hyphens: manual !important; text-overflow: clip !important; overflow: visible !important; "
        f"max-width: none !important; }}\n"
        f"{sel} td.num, {sel} th.num {{ text-align: right !important; }}\n"
        f"{sel} tr:nth-child(odd) {{ background: transparent; }}\n"
    )
