"""The citation graph built from records vnplan extracts itself (not the gold records).

Issue: every implementation chain with both ends in the corpus is an edge with the right relation,
plans citing the same missing directive share one stub, and no other citation resolves.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_files
from vnplan import extract, link
from vnplan.link import CitationGraph

pytestmark = pytest.mark.xdist_group("corpus")

# (citing file, relation, cited file) for every citation that resolves into the archive: the complete list.
# 012 (the PDF) and 012b (its pdftotext copy) are one document, 1105/KH-ĐKT: one node.
EXPECTED_RESOLVED = sorted([
    ("012", "implements", "011"),   # 1105/KH-ĐKT → 1050/QĐ-SCT
    ("015", "implements", "014"),   # 7432/UBND-XD → 1074/QĐ-BXD
    ("040", "mentions", "039"),     # 2214/BXD-QLN → 22/2013/QĐ-TTg
    ("042", "basis", "039"),        # 3210/QĐ-UBND → 22/2013/QĐ-TTg
    ("069", "implements", "068"),   # Lâm Đồng công văn (number blank) → 4214/BCA-C04
])


def stem(path: str) -> str:
    return Path(path).name.split("_", 1)[0]


@pytest.fixture(scope="module")
def graph() -> CitationGraph:
    return link([extract(p) for p in corpus_files()])


def test_every_resolved_edge_is_expected(graph: CitationGraph) -> None:
    got = sorted((stem(graph.node(u)["path"]), d["relation"], stem(graph.node(v)["path"]))
                 for u, v, d in graph.edges(resolved_only=True))
    assert got == EXPECTED_RESOLVED


def test_missing_directive_is_one_shared_stub(graph: CitationGraph) -> None:
    stubs = [n for n, _ in graph.missing() if "7619" in n]
    assert stubs == ["cited:7619/QĐ-BCA:2025"]
    citing = {stem(graph.node(u)["path"]) for u, v, _ in graph.edges() if v == stubs[0]}
    assert {"050", "070"} <= citing


def test_chain_above_a_plan(graph: CitationGraph) -> None:
    above = graph.ancestors("1105/KH-ĐKT")
    assert above[0] == "doc:1050/QĐ-SCT:2026"
