"""The researcher notebooks: each runs top to bottom on the bundled corpus, and is committed with its outputs.

The source of a notebook is ``notebooks/NN-name.py`` (jupytext percent format); the ``.ipynb`` is
built from it by ``scripts/build_notebooks.py``. The slow test executes every source with nbclient
(working directory ``notebooks/`` as in Jupyter) and fails on any cell error. The fast tests check
that each ``.ipynb`` holds the cells of its source, the committed outputs (executed, charts
present, no machine paths) and the `vnplan.load` collection behind them.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from vnplan.collection import Records, load
from vnplan.record import Record

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SOURCES = sorted((ROOT / "notebooks").glob("[0-9]*.py"))
EXPECTED = ["01-quickstart", "02-archive-analysis", "03-citation-graph", "04-template-diff"]
# charts (PNG outputs) each notebook must show: real results, not just code
MIN_CHARTS = {"01-quickstart": 0, "02-archive-analysis": 6, "03-citation-graph": 2, "04-template-diff": 1}


def _outputs(nb: dict) -> list[dict]:
    return [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]


def test_every_notebook_is_there() -> None:
    assert [p.stem for p in NOTEBOOKS] == EXPECTED
    assert [p.stem for p in SOURCES] == EXPECTED


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_is_built_from_its_source(source: Path) -> None:
    """The committed .ipynb has exactly the cells of its jupytext source, and the two are paired."""
    jupytext = pytest.importorskip("jupytext")
    built = json.loads(source.with_suffix(".ipynb").read_text(encoding="utf-8"))
    cells = [(c.cell_type, c.source) for c in jupytext.read(source).cells]
    assert [(c["cell_type"], "".join(c["source"])) for c in built["cells"]] == cells, \
        "run scripts/build_notebooks.py"
    assert built["metadata"]["jupytext"]["formats"] == "ipynb,py:percent"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_with_outputs(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c.get("execution_count") for c in code), "run scripts/build_notebooks.py"
    outputs = _outputs(nb)
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= MIN_CHARTS[path.stem]
    assert sum("text/html" in o.get("data", {}) for o in outputs) >= 3  # tables and the vnplan HTML views
    text = json.dumps(outputs, ensure_ascii=False)
    assert not re.search(r"(?<![\w.])/(?:home|root|tmp|work|Users|var)/", text), "an absolute path in the outputs"
    assert path.stat().st_size < 1_500_000


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_outputs_show_vnplan_views(path: Path) -> None:
    html = "".join("".join(o["data"]["text/html"]) for o in _outputs(json.loads(path.read_text(encoding="utf-8")))
                   if "text/html" in o.get("data", {}))
    expected = {
        "01-quickstart": ["vnp-card", "173/KH-UBND", 'class="entity"', "Vũ Đại Thắng"],
        "02-archive-analysis": ["vnp-records", "Lào Cai", "7619/QĐ-BCA"],
        "03-citation-graph": ["<iframe", "1050/QĐ-SCT"],
        "04-template-diff": ["coverage", "dropped", "<del", "<ins"],
    }[path.stem]
    missing = [s for s in expected if s not in html]
    assert not missing


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebook_runs(source: Path, tmp_path: Path) -> None:
    """Execute the notebook's source from notebooks/ (as Jupyter would); any cell error fails."""
    jupytext = pytest.importorskip("jupytext")
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = jupytext.read(source)
    client = nbclient.NotebookClient(nb, timeout=900, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()  # raises CellExecutionError, naming the cell, on the first error
    nbformat.write(nb, tmp_path / f"{source.stem}.ipynb")
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= MIN_CHARTS[source.stem]


# --- the collection the notebooks use ------------------------------------------------------------------------

def _gold() -> Records:
    return load([json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus/gold").glob("*.json"))])


def test_load_gold_records() -> None:
    plans = _gold()
    assert len(plans) >= 30 and not plans.errors
    df = plans.to_dataframe()
    assert len(df) == len(plans) and {"doc_type", "issue_year", "issuer_level", "province"} <= set(df.columns)
    assert repr(plans).startswith("<Records ") and len(repr(plans)) < 60
    assert "vnp-records" in plans._repr_html_()


@pytest.mark.parametrize("criteria, must_have", [
    ({"province": "Lào Cai"}, "1105/KH-ĐKT"),
    ({"province": "lao cai"}, "1105/KH-ĐKT"),
    ({"province": "Lâm Đồng"}, "176/TTr-SNV"),
    ({"province": "Cần Thơ"}, "153/KH-UBND"),
    ({"level": "central"}, "22/2013/QĐ-TTg"),
    ({"doc_type": "quyet dinh"}, "1074/QĐ-BXD"),
    ({"theme": "ma túy"}, "153/KH-UBND"),
    ({"year": 2014}, "3210/QĐ-UBND"),
])
def test_filter(criteria: dict, must_have: str) -> None:
    found = _gold().filter(**criteria)
    labels = [r.label for r in found]
    assert must_have in labels, labels
    assert len(found) < len(_gold())


def test_central_documents_have_no_province() -> None:
    df = _gold().to_dataframe()
    assert df.loc[df.issuer_level == "central", "province"].isna().all()
    assert df.loc[df.issuer_level == "province", "province"].notna().mean() > 0.8


def test_province_before_the_merger() -> None:
    rec = Record(source={"path": "kh.txt"}, issue_date="2024-05-02", issue_year=2024,
                 issuer={"name": "UBND tỉnh Yên Bái", "level": "province", "parent": None})
    plans = Records([rec])
    assert len(plans.filter(province="Yên Bái")) == 1 and len(plans.filter(province="Lào Cai")) == 1
    assert plans.to_dataframe().loc[0, "province"] == "Lào Cai"


def test_deadline_lead_times_are_per_document() -> None:
    """Two drafts share the label '(no number)': each deadline is measured from its own document's date."""
    a = Record(source={"path": "a.txt"}, issue_date="2025-09-25", deadlines=[{"date": "2025-10-09", "text": "a"}])
    b = Record(source={"path": "b.txt"}, issue_date=None, deadlines=[{"date": "2025-10-15", "text": "b"}])
    c = Record(source={"path": "c.txt"}, issue_date="2021-01-01", deadlines=[])
    lead = Records([a, b, c]).deadlines().set_index("path").lead_days
    assert lead["a.txt"] == 14 and lead.isna()["b.txt"]


def test_tidy_tables_have_one_row_per_item() -> None:
    plans = _gold()
    assert len(plans.citations()) == sum(len(r.citations) for r in plans)
    assert len(plans.activities()) == sum(len(r.activities) for r in plans)
    assert len(plans.responsibilities()) == sum(max(1, len(e.get("tasks") or [])) for r in plans
                                                for e in r.responsibilities)  # one row per agency × task
    assert str(plans.citations().year.dtype) == "Int64"


def test_load_a_list_of_folders(tmp_path: Path) -> None:
    for name in ("000_28b0c8e4ade0a855.txt", "003_ccd8d4cb88100caa.txt"):
        folder = tmp_path / name[:3]
        folder.mkdir()
        shutil.copy(ROOT / "corpus/seeds" / name, folder / name)
    plans = load([tmp_path / "000", tmp_path / "003"], workers=0)
    assert len(plans) == 2 and {r.issuer["level"] for r in plans} == {"commune", "province"}
