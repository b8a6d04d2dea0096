"""The message catalogue: every row in both languages with the same placeholders; every key the code asks for exists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnplan.errors import VnplanError
from vnplan.i18n import catalogue, get_lang, set_lang, t, use_lang

ROOT = Path(__file__).resolve().parent.parent
_FIELDS = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_row_has_both_languages_with_the_same_placeholders(key: str) -> None:
    row = catalogue()[key]
    assert row["vi"] and row["en"], key
    assert set(_FIELDS.findall(row["vi"])) == set(_FIELDS.findall(row["en"])), key


def test_every_literal_key_in_the_code_is_in_the_catalogue() -> None:
    used = set()
    for path in (ROOT / "vnplan").rglob("*.py"):
        used |= set(re.findall(r"\bt\(\s*[\"']([a-z_]+\.[a-z_./]+)[\"']", path.read_text(encoding="utf-8")))
    assert used and not sorted(used - set(catalogue()))


@pytest.mark.parametrize("prefix, values", [("verdict.", ("pass", "fail", "inconclusive")),
                                            ("result.", ("pass", "fail", "n/a")),
                                            ("status.", ("kept", "modified", "dropped", "added", "covered",
                                                         "partly_covered", "missing")),
                                            ("level.", ("central", "province", "district", "commune", "unit"))])
def test_dynamic_keys_exist(prefix: str, values: tuple[str, ...]) -> None:
    for value in values:
        assert t(prefix + value, lang="vi") != t(prefix + value, lang="en") or value == "unit"


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNPLAN_LANG", "en")
    assert get_lang() == "en"
    with use_lang("vi"):
        assert t("verdict.fail") == "KHÔNG ĐẠT"
    set_lang("vi")
    try:
        assert get_lang() == "vi"
    finally:
        set_lang(None)
    monkeypatch.setenv("VNPLAN_LANG", "fr")
    with pytest.raises(VnplanError, match="valid: vi, en"):
        get_lang()


# --- views and CLI messages through the catalogue (issue 16, point 4) -----------------------------------------

def _records():
    import json

    from vnplan.collection import load

    gold = sorted((ROOT / "corpus" / "gold").glob("*.json"))
    return load([json.loads(p.read_text(encoding="utf-8")) for p in gold[:6]])


@pytest.mark.parametrize("lang, expected, absent", [
    ("vi", ["cơ quan ban hành", "trích yếu", "văn bản</b>", "(chưa có số)", "28/04/2026"], ["issuer", "plan records"]),
    ("en", ["issuer", "title", "plan records", "(no number)", "2026-04-28"], ["trích yếu", "cơ quan ban hành"]),
])
def test_records_table_headers(lang: str, expected: list[str], absent: list[str]) -> None:
    with use_lang(lang):
        page = _records()._repr_html_()
    assert all(e in page for e in expected) and not any(a in page for a in absent)


@pytest.mark.parametrize("lang, expected, absent", [
    ("vi", ["Ngày ban hành", "Người ký", "tr. 1", "(17/03/2026)"], ["page 1", "Signer"]),
    ("en", ["Date of issue", "Signer", "page 1", "(2026-03-17)"], ["tr. 1", "Người ký"]),
])
def test_record_card_labels(lang: str, expected: list[str], absent: list[str]) -> None:
    card_of = next(r for r in _records() if r.label == "173/KH-UBND")
    card_of.provenance = {"number": {"page": 1, "text": "Số:173/KH-UBND"}}
    with use_lang(lang):
        card = card_of._repr_html_()
    assert all(e in card for e in expected) and not any(a in card for a in absent)


@pytest.mark.parametrize("env, args, prefix", [({}, [], "vnplan: lỗi: "), ({"VNPLAN_LANG": "en"}, [], "vnplan: error: "),
                                               ({}, ["--lang", "en"], "vnplan: error: ")])
def test_cli_error_prefix(env: dict, args: list[str], prefix: str, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from vnplan.cli import main

    monkeypatch.delenv("VNPLAN_LANG", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main([*args, "extract", str(tmp_path / "khong-co.pdf")]) == 1
    assert capsys.readouterr().err.startswith(prefix)
