"""Activity alignment against hand-made gold alignments (tests/data/alignments), and similarity options."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from vnplan.compare import compare
from vnplan.compare.align import align, assign, score_alignment
from vnplan.compare.similarity import SIMILARITIES, combined, containment, normalize_text

ROOT = Path(__file__).resolve().parent.parent
ALIGNMENTS = sorted((ROOT / "tests" / "data" / "alignments").glob("*.json"))


def _eval_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_alignment", ROOT / "scripts" / "eval_alignment.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def evaluation() -> dict[str, list[dict[str, object]]]:
    ev = _eval_module()
    return {"gold": ev.evaluate(False), "full": ev.evaluate(True), "module": ev}  # type: ignore[dict-item]


def test_at_least_three_gold_alignments() -> None:
    assert len(ALIGNMENTS) >= 3
    for path in ALIGNMENTS:
        spec = json.loads(path.read_text(encoding="utf-8"))
        t = json.loads((ROOT / "corpus" / "gold" / f"{spec['template']}.json").read_text(encoding="utf-8"))
        loc = json.loads((ROOT / "corpus" / "gold" / f"{spec['local']}.json").read_text(encoding="utf-8"))
        assert path.name == f"{spec['template']}__{spec['local']}.json"
        for i, j in spec["pairs"] + spec.get("partial", []):
            assert 0 <= i < len(t["activities"]) and 0 <= j < len(loc["activities"])
        assert len({i for i, _ in spec["pairs"]}) == len(spec["pairs"])  # one to one
        assert len({j for _, j in spec["pairs"]}) == len(spec["pairs"])


def test_precision_and_recall_at_least_0_9(evaluation: dict) -> None:  # type: ignore[type-arg]
    ev = evaluation["module"]
    pooled = ev.totals(evaluation["gold"] + evaluation["full"])
    assert pooled["precision"] >= 0.9 and pooled["recall"] >= 0.9, pooled
    for kind in ("gold", "full"):  # heading-only texts and whole item texts, each
        t = ev.totals(evaluation[kind])
        assert t["precision"] >= 0.85 and t["recall"] >= 0.85, (kind, t)


def test_full_text_records_are_longer(evaluation: dict) -> None:  # type: ignore[type-arg]
    ev = evaluation["module"]
    _, t, loc = ev.load_pair(ALIGNMENTS[0], full=True)
    _, tg, _ = ev.load_pair(ALIGNMENTS[0], full=False)
    assert sum(len(a["text"]) for a in t["activities"]) > 2 * sum(len(a["text"]) for a in tg["activities"])


@pytest.mark.parametrize("name", sorted(SIMILARITIES))
def test_similarity_functions_are_bounded_and_find_identity(name: str) -> None:
    texts = ["Tổ chức Lễ khai mạc Tuần lễ", "Báo cáo kết quả về Sở Giáo dục và Đào tạo", "Treo băng rôn, khẩu hiệu"]
    m = SIMILARITIES[name](texts, texts)
    assert m.shape == (3, 3) and (m >= 0).all() and (m <= 1.0001).all()
    assert list(m.argmax(axis=1)) == [0, 1, 2]


def test_similarity_and_threshold_are_arguments() -> None:
    t = [{"text": "Tổ chức Lễ khai mạc"}, {"text": "Treo băng rôn"}]
    loc = [{"text": "Tổ chức Lễ khai mạc Tuần lễ"}, {"text": "Phát động cuộc thi"}]
    strict = compare({"activities": t}, {"activities": loc}, threshold=0.99, min_similarity=0.99)
    assert [r.status for r in strict.activities if r.template] == ["dropped", "dropped"]
    const = compare({"activities": t}, {"activities": loc}, similarity=lambda a, b: np.full((len(a), len(b)), 0.5))
    assert len([r for r in const.activities if r.template and r.local]) == 2
    assert const.options["similarity"] == "<lambda>"


def test_assign_is_optimal_not_greedy() -> None:
    # greedy would take 0↔0 (0.9) and leave 1 with 0.1; the optimum pairs 0↔1 and 1↔0
    m = np.array([[0.9, 0.85], [0.8, 0.1]])
    assert [(lk.template, lk.local) for lk in assign(m, order_weight=0)] == [(0, 1), (1, 0)]


@pytest.mark.parametrize("raw, expected", [
    ("a) **Tổ chức** Lễ khai mạc", "tổ chức lễ khai mạc"),
    ("2. Thuỷ lợi Hoà Bình", "thủy lợi hòa bình"),
    ("- Đẩy mạnh  tuyên truyền", "đẩy mạnh tuyên truyền"),
    ("IV. KINH PHÍ", "kinh phí"),
])
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_containment_is_asymmetric() -> None:
    short, long = "Treo băng rôn, khẩu hiệu", "Tổ chức Lễ khai mạc; treo băng rôn, khẩu hiệu tại các cơ sở giáo dục"
    m, back = containment([short], [long]), containment([long], [short])
    assert m[0, 0] > 0.8 > back[0, 0]


def test_score_alignment_counts_partial_links_neither_way() -> None:
    s = score_alignment([(0, 0), (1, 1)], [(0, 0)], [(1, 1)])
    assert (s["tp"], s["fp"], s["fn"]) == (1, 0, 0)


def test_align_empty_lists() -> None:
    assert align([], ["a"]).links == [] and align(["a"], []).links == []
    assert combined([], ["a"]).shape == (0, 1)
