"""The message catalogue: every row in both languages with the same placeholders; every key the code asks for exists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnplan.i18n import catalogue, get_lang, set_lang, t, use_lang
from vnplan.errors import VnplanError

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
