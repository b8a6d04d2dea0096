"""Write the explorer: pages, data scripts, static files and the vendored libraries, into a fresh folder.

    >>> summary = build_site("archive.sqlite", "site")  # doctest: +SKIP
    >>> print(summary)  # doctest: +SKIP
    site: 213 văn bản, 6 chuỗi triển khai, 6 trang kiểm tra, 6.9 MB trong 8.7 giây
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnplan.errors import VnplanError
from vnplan.site.inputs import Source, read_archive
from vnplan.site.model import SiteModel, build_model
from vnplan.site.pages import cascade_page, cascades_page, check_page, doc_page, graph_page, index_page

__all__ = ["MARKER", "SiteSummary", "build_site", "write_site"]

MARKER = ".vnplan-site"  # marks a folder vnplan wrote, so --force may replace it
_HERE = Path(__file__).parent
#: characters of each document's text that go into the search index
SEARCH_TEXT_CHARS = 60_000


@dataclass
class SiteSummary:
    """What `build_site` wrote."""

    folder: str
    documents: int
    cascades: int
    checks: int
    size: int
    seconds: float

    def __str__(self) -> str:
        from vnplan.i18n import t

        return t("site.summary", folder=self.folder, documents=self.documents, cascades=self.cascades,
                 checks=self.checks, mb=f"{self.size / 1e6:.1f}", seconds=f"{self.seconds:.1f}")


def build_site(source: Source, out: str | os.PathLike[str], *, force: bool = False,
               checks: bool = True, workers: int | None = None) -> SiteSummary:
    """Build the offline explorer of ``source`` (a store, a records file, or folders of documents) in ``out``.

    ``out`` must not exist or be empty; ``force`` replaces a folder an earlier build wrote (never another one).
    ``checks=False`` skips the compliance pages (and the coverage column of cascades).
    """
    start = time.monotonic()
    _check_out(Path(out), force)
    archive = read_archive(source, workers=workers)
    model = build_model(archive.records, archive.texts, archive.errors, checks=checks)
    return write_site(model, out, force=force, start=start)


def _check_out(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise VnplanError(str(out), "exists and is not a folder; choose a folder for the site")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise VnplanError(str(out), "is not empty; choose a new folder or pass --force to replace the site")
        if not (out / MARKER).exists():
            raise VnplanError(str(out), "is not empty and is not a site vnplan wrote; --force replaces only those; "
                                        "choose a new folder")


def write_site(model: SiteModel, out: str | os.PathLike[str], *, force: bool = False,
               start: float | None = None) -> SiteSummary:
    """Write the pages of ``model`` into ``out`` (built in a temporary folder beside it, then moved in place)."""
    from vnplan import __version__

    start = time.monotonic() if start is None else start
    out = Path(out)
    _check_out(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".vnplan-site-", dir=out.parent))
    try:
        _write_all(model, tmp, __version__)
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return SiteSummary(str(out), len(model.docs), len(model.cascades), len(model.pairs), size,
                       time.monotonic() - start)


def _write_all(model: SiteModel, root: Path, version: str) -> None:
    for sub in ("doc", "cascade", "check", "data", "static", "vendor"):
        (root / sub).mkdir()
    for f in (_HERE / "static").iterdir():
        shutil.copyfile(f, root / "static" / f.name)
    for f in (_HERE / "vendor").iterdir():
        shutil.copyfile(f, root / "vendor" / f.name)
    (root / MARKER).write_text("written by vnplan site; `vnplan site --force` may replace this folder\n")
    _script(root / "data" / "docs.js", "VNPLAN_DOCS", _doc_rows(model))
    _script(root / "data" / "search.js", "VNPLAN_SEARCH", _search_rows(model))
    _script(root / "data" / "graph.js", "VNPLAN_GRAPH", _graph_data(model))
    _script(root / "data" / "messages.js", "VNPLAN_MSG", _messages())
    (root / "index.html").write_text(index_page(version), encoding="utf-8")
    (root / "graph.html").write_text(graph_page(version), encoding="utf-8")
    (root / "cascades.html").write_text(cascades_page(model, version), encoding="utf-8")
    for doc in model.docs:
        (root / "doc" / f"{doc.id}.html").write_text(doc_page(doc, model, version), encoding="utf-8")
    for pid in model.cascades:
        (root / "cascade" / f"{pid}.html").write_text(cascade_page(pid, model, version), encoding="utf-8")
    for pair in model.pairs.values():
        (root / "check" / f"{pair.id}.html").write_text(check_page(pair, model, version), encoding="utf-8")


def _script(path: Path, name: str, data: Any) -> None:
    """Data as a script (``file://`` pages cannot fetch JSON); ``<`` escaped so no text can close a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    path.write_text(f"window.{name}={text};\n", encoding="utf-8")


def _doc_rows(model: SiteModel) -> list[dict[str, Any]]:
    rows = []
    for d in model.docs:
        r = d.record
        rows.append({"id": d.id, "type": r.doc_type, "label": r.label if (r.number or r.symbol) else "",
                     "date": r.issue_date, "year": r.issue_year, "issuer": r.issuer.get("name"),
                     "level": r.issuer.get("level"), "province": d.province, "province_issued": d.province_as_issued,
                     "title": r.title, "warnings": len(r.warnings), "file": _file(r.source.get("path"))})
    for e in model.errors:
        path = (e.get("source") or {}).get("path") or e.get("path")
        rows.append({"id": None, "type": None, "label": "", "date": None, "year": None, "issuer": None,
                     "level": None, "province": None, "province_issued": None, "title": e.get("message"),
                     "warnings": 1, "file": _file(path), "error": e.get("error")})
    return rows


def _file(path: Any) -> str:
    return str(path or "").replace("\\", "/").rsplit("/", 1)[-1]


def _search_rows(model: SiteModel) -> list[dict[str, Any]]:
    from vnplan.store.rows import search_key

    """Per document: the folded title, label, type and issuer (``t``), and each distinct folded word of its text
    once (``x``: the search finds documents, it does not count words; a smaller index builds faster)."""
    rows = []
    for d in model.docs:
        r = d.record
        head = " ".join(x for x in (r.title, r.label if (r.number or r.symbol) else "", r.doc_type,
                                    r.issuer.get("name")) if x)
        words = dict.fromkeys(search_key((d.text or "")[:SEARCH_TEXT_CHARS]).split())
        rows.append({"id": d.id, "t": search_key(head), "x": " ".join(words)})
    return rows


def _graph_data(model: SiteModel) -> dict[str, Any]:
    if model.graph is None:
        return {"nodes": [], "edges": []}
    page_of = {d.node: d.id for d in model.docs if d.node}
    g = model.graph.graph
    nodes = [{"id": n, "label": a.get("short") or a.get("label") or n, "title": a.get("title"),
              "level": a.get("level") or "", "page": page_of.get(n), "archive": a.get("kind") == "document"}
             for n, a in g.nodes(data=True)]
    edges = [{"s": u, "t": v, "relation": data.get("relation")} for u, v, data in g.edges(data=True)]
    return {"nodes": nodes, "edges": edges}


def _messages() -> dict[str, dict[str, str]]:
    from vnplan.i18n import catalogue

    return {k: v for k, v in catalogue().items() if k.startswith(("site.", "level.", "relation."))}

