"""A learned classifier of a found citation's relation (basis / implements / proposal / mentions).

The cue rules of `vnplan.extract.citations` decide first; this multinomial logistic regression sees a
citation's context — the words before each of its mentions in their sentence, the word opening that
sentence, whether a mention is a footnote, a ``Căn cứ`` line or in the opening of the text, the cited
type and issuer level against the citing document's, the rules' own relation — and is trained by
``scripts/train_citation_relations.py`` on the gold citations of the annotated documents (the corpus
and archive rounds 1-3, never the round-4 held-out set; rows in ``corpus/citation_relations/rows.jsonl``).
It ships as plain coefficients in ``data/citation_relation_model.json`` (no pickles).
``RELATION_STRATEGY`` says when it is asked (chosen by leave-documents-out cross-validation,
``scripts/cv_citation_relations.py``): ``"rules"`` never, ``"fallback"`` only where no cue fired
(the rules say ``mentions``), ``"first"`` for every citation but an ``attached_to``.

    >>> text = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;"
    >>> f = citation_features(text, {"relation": "basis", "symbol": "2020/NĐ-CP", "doc_type": "Nghị định",
    ...                              "mentions": [[21, 34]]}, doc_type="Kế hoạch", level="province")
    >>> "rule=basis" in f, "s1=can" in f, "cited_level=central" in f
    (True, True, True)
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from vnplan import data
from vnplan.normalize.fold import fold_key

__all__ = ["RELATION_STRATEGY", "citation_features", "relabel", "relation_probabilities"]

RELATION_STRATEGY = "rules"
_MODEL_RELATIONS = ("basis", "implements", "proposal", "mentions")
_WORD = re.compile(r"\w+")
_NORMATIVE = re.compile(r"(?:19|20)\d{2}/")
_SENTENCE_END = re.compile(r"[.!?;:]\s|\n\s*\n|\n\s*[-+•*]\s|\n\s*\d{1,2}(?:\.\d{1,2})*[.)]\s|\n\s*[a-zđ]\)\s")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_key(text, diacritics=False))


def _sentence_before(text: str, pos: int) -> str:
    start = max(0, pos - 400)
    for m in _SENTENCE_END.finditer(text, start, pos):
        start = m.end()
    return text[start:pos]


def _mention_features(text: str, start: int) -> list[str]:
    before = _sentence_before(text, start)
    words = _words(before)
    out = [f"b{i}={w}" for i, w in enumerate(reversed(words[-3:]), 1)]
    if len(words) >= 2:
        out.append(f"bb={words[-2]}_{words[-1]}")
    out += [f"near={w}" for w in words[-8:]]
    if words:
        out.append(f"s1={words[0]}")
    if len(words) >= 2:
        out.append(f"s2={words[0]}_{words[1]}")
    out.append(f"gap={'0' if not words else '1-3' if len(words) <= 3 else '4-8' if len(words) <= 8 else '9+'}")
    line_start = text.rfind("\n", 0, start) + 1
    line = fold_key(text[line_start:line_start + 20], diacritics=False)
    if line.startswith("can cu"):
        out.append("line=can_cu")
    if re.match(r"\s*(?:\[\d{1,2}\]|\d{1,2}\s+[A-ZĐ])", text[line_start:line_start + 12]):
        out.append("footnote")
    share = start / max(1, len(text))
    out.append(f"pos={'head' if start < 1500 else 'q1' if share < 0.25 else 'mid' if share < 0.75 else 'tail'}")
    return out


def citation_features(text: str, cite: dict[str, Any], *, doc_type: str | None = None,
                      level: str | None = None) -> list[str]:
    """Binary features of one citation (a record's citation dict) in ``text``, over all its mentions.

    >>> f = citation_features("Thực hiện Kế hoạch số 262/KH-UBND ngày 25/9/2025.", {"relation": "implements",
    ...     "symbol": "KH-UBND", "doc_type": "Kế hoạch", "mentions": [[22, 32]]}, doc_type="Kế hoạch")
    >>> "s2=thuc_hien" in f, "cited=ke hoach" in f
    (True, True)
    """
    from vnplan.extract.numbers import issuer_from_symbol

    symbol = cite.get("symbol") or ""
    cited = issuer_from_symbol(symbol)
    cited_level = cited[1] if cited else "unknown"
    mentions = cite.get("mentions") or [[cite.get("start") or 0, cite.get("end") or 0]]
    out = {f"rule={cite.get('relation') or 'mentions'}",
           f"cited={fold_key(cite.get('doc_type') or '-', diacritics=False)}",
           f"citing={fold_key(doc_type or '-', diacritics=False)}",
           f"cited_level={cited_level}", f"levels={cited_level}>{level or 'unknown'}",
           f"normative={bool(_NORMATIVE.match(symbol))}",
           f"sym_tail={fold_key(re.split(r'[-/]', symbol)[-1], diacritics=False)}",
           f"n_mentions={'1' if len(mentions) == 1 else '2-3' if len(mentions) <= 3 else '4+'}"}
    for start, _end in mentions:
        out.update(_mention_features(text, int(start)))
    return sorted(out)


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    return data.load_json("citation_relation_model.json")


def relation_probabilities(features: list[str], model: dict[str, Any] | None = None) -> dict[str, float]:
    """Class probabilities of one citation's features (softmax of the shipped linear scores)."""
    model = model or _model()
    scores = {c: model["intercept"][c] + sum(model["weights"][c].get(f, 0.0) for f in features)
              for c in model["classes"]}
    top = max(scores.values())
    exp = {c: math.exp(s - top) for c, s in scores.items()}
    total = sum(exp.values())
    return {c: v / total for c, v in exp.items()}


def relabel(text: str, citations: list[dict[str, Any]], *, doc_type: str | None = None, level: str | None = None,
            strategy: str | None = None, model: dict[str, Any] | None = None) -> None:
    """Set each citation's relation by ``strategy`` (default `RELATION_STRATEGY`), in place.

    >>> cs = [{"relation": "attached_to", "symbol": "QĐ-UBND", "mentions": [[0, 5]]}]
    >>> relabel("Kèm theo Quyết định số 5/QĐ-UBND", cs, strategy="first"); cs[0]["relation"]
    'attached_to'
    """
    strategy = strategy or RELATION_STRATEGY
    if strategy == "rules":
        return
    for cite in citations:
        rule = cite.get("relation") or "mentions"
        if rule == "attached_to" or (strategy == "fallback" and rule != "mentions"):
            continue
        probs = relation_probabilities(citation_features(text, cite, doc_type=doc_type, level=level), model)
        best = max(probs, key=lambda c: probs[c])
        threshold = (model or _model()).get("threshold", 0.5)
        if best in _MODEL_RELATIONS and probs[best] >= threshold:
            cite["relation"] = best
