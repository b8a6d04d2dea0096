"""Every citation-graph export loads back: GraphML/GEXF (networkx), JSON (schema), DOT (Graphviz), HTML (Chromium)."""
from __future__ import annotations

import csv
import glob
import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from vnplan.cli import main
from vnplan.export.graph_formats import LEVEL_COLOURS, SCHEMA_PATH, format_of
from vnplan.link import CitationGraph, link
from vnplan.record import Record

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted(glob.glob(str(ROOT / "corpus" / "gold" / "*.json")))


@pytest.fixture(scope="module")
def graph() -> CitationGraph:
    golds = [json.loads(Path(p).read_text(encoding="utf-8")) for p in GOLD]
    return link([Record.from_dict({**g, "source": {"path": g["file"]}}) for g in golds])


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("graph")


def _same_shape(g: CitationGraph, back: nx.Graph) -> None:
    assert set(back.nodes) == set(g.graph.nodes)
    assert back.number_of_edges() == g.graph.number_of_edges()


def test_graphml_loads_back(graph: CitationGraph, out: Path) -> None:
    [path] = graph.write(out / "g.graphml")
    back = nx.read_graphml(path)
    _same_shape(graph, back)
    node = graph.find("1050/QĐ-SCT")[0]
    assert back.nodes[node]["symbol"] == "QĐ-SCT" and back.nodes[node]["level"] == "province"
    assert json.loads(back.nodes[node]["paths"])[0].startswith("011")
    relations = {d["relation"] for *_, d in back.edges(data=True)}
    assert relations == {"implements", "basis", "proposal", "mentions"}


def test_gexf_loads_back(graph: CitationGraph, out: Path) -> None:
    [path] = graph.write(out / "g.gexf")
    back = nx.read_gexf(path)
    _same_shape(graph, back)
    node = graph.find("4214/BCA-C04")[0]
    assert back.nodes[node]["label"] == "4214/BCA-C04 · Bộ Công an · 16/9/2025"
    assert back.nodes[node]["viz"]["color"]["b"] == int(LEVEL_COLOURS["central"][5:7], 16)


@pytest.mark.parametrize("name", ["g.json", "g.cyjs"])
def test_json_validates_against_the_schema(graph: CitationGraph, out: Path, name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    [path] = graph.write(out / name)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    broken = json.loads(json.dumps(data))
    (broken["nodes"] if name == "g.json" else broken["elements"]["nodes"])[0].pop("data", None)
    if name == "g.json":
        broken["nodes"][0]["level"] = "ministry"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_node_link_json_loads_in_networkx(graph: CitationGraph, out: Path) -> None:
    [path] = graph.write(out / "d3.json")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="links")
    _same_shape(graph, back)
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_csv_node_and_edge_lists(graph: CitationGraph, out: Path) -> None:
    nodes_path, edges_path = graph.write(out / "g.csv")
    with open(nodes_path, encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    with open(edges_path, encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    assert len(nodes) == len(graph) and len(edges) == graph.graph.number_of_edges()
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)


def test_dot_renders_with_graphviz(graph: CitationGraph, out: Path) -> None:
    [path] = graph.write(out / "g.dot")
    text = Path(path).read_text(encoding="utf-8")
    assert text.count(" -> ") == graph.graph.number_of_edges()
    if not shutil.which("dot"):
        pytest.skip("Graphviz is not installed")
    result = subprocess.run(["dot", "-Tsvg", path], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('class="node"') == len(graph)


@pytest.mark.parametrize("path, fmt, expected", [
    ("g.graphml", None, "graphml"), ("g.GEXF", None, "gexf"), ("g.cy.json", None, "cyjs"), ("g.gv", None, "dot"),
    ("g.out", "html", "html"), ("g.out", "d3", "json"),
])
def test_format_from_extension(path: str, fmt, expected: str) -> None:
    assert format_of(path, fmt) == expected


def test_unknown_format_is_a_one_line_error(graph: CitationGraph, out: Path, capsys) -> None:
    from vnplan.errors import VnplanError

    with pytest.raises(VnplanError, match="đuôi tệp"):
        graph.write(out / "g.xyz")


def test_cli_writes_every_format(out: Path, capsys) -> None:
    records = out / "records.jsonl"
    records.write_text("\n".join(json.dumps({**json.loads(Path(p).read_text(encoding="utf-8")),
                                             "source": {"path": Path(p).name}}, ensure_ascii=False) for p in GOLD),
                       encoding="utf-8")
    for ext in ("graphml", "gexf", "json", "cyjs", "csv", "dot", "html"):
        assert main(["graph", str(records), "-o", str(out / f"cli.{ext}")]) == 0
    assert main(["graph", str(records), "-o", str(out / "cli.txt"), "--format", "dot"]) == 0
    assert (out / "cli.txt").read_text(encoding="utf-8").startswith("digraph")
    assert (out / "cli.nodes.csv").exists() and (out / "cli.edges.csv").exists()


def test_html_is_self_contained(graph: CitationGraph) -> None:
    page = graph.to_html()
    assert "http://" not in page.split('<script id="graph-data"')[0]
    assert 'src="' not in page and "<link " not in page and "import(" not in page
    assert "fetch(" not in page and "XMLHttpRequest" not in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM, reason="headless Chromium is not installed")
def test_html_page_draws_nodes_without_console_errors(graph: CitationGraph, out: Path) -> None:
    Image = pytest.importorskip("PIL.Image")
    [page] = graph.write(out / "page.html")
    shot = out / "page.png"
    profile = out / "chromium-profile"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
         f"--screenshot={shot}", "--window-size=1400,900", Path(page).as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert shot.exists(), result.stderr[-2000:]
    # the page logs nothing: any console line (console.error prints as INFO:CONSOLE too) or uncaught error fails
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert not console, console
    # only the canvas area: the header legend also shows the level colours
    image = Image.open(shot).convert("RGB").crop((0, 110, 1400 - 345, 900))
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    counts = dict((c, n) for n, c in image.getcolors(maxcolors=1 << 20))
    levels_in_graph = {d["level"] for _, d in graph.graph.nodes(data=True) if d["kind"] == "document"}
    for level in levels_in_graph:  # every level of an archive document is drawn as filled discs of its colour
        hexcolour = LEVEL_COLOURS[level]
        rgb = tuple(int(hexcolour[i:i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours and counts[rgb] > 20, (level, counts.get(rgb))  # a disc, not stray anti-aliasing
