"""Control characters from a text layer never reach the text or a record (issue 11: U+0002 broke GraphML)."""
from __future__ import annotations

import json

import pytest

from vnplan.normalize import normalize
from vnplan.normalize.unicode import CONTROL_CHARS


@pytest.mark.parametrize("ch", ["\u0002", "\u0000", "\u001f", "\u007f", "\u0093", "\ufffe", "\uffff"])
def test_control_character_stripped_with_offsets(ch: str) -> None:
    raw = f"KẾ HOẠCH\nSố: 12{ch}/KH-UBND\nTổ chức Tuần lễ"
    norm = normalize(raw)
    assert ch not in norm.text
    assert "Số: 12/KH-UBND" in norm.text
    # every normalised character maps back to the same character of the raw text
    for k, c in enumerate(norm.text):
        if c.isalnum():
            assert raw[norm.offsets[k]] == c, (k, c)
    i = norm.text.index("/KH")
    assert raw[norm.offsets[i]: norm.offsets[i] + 3] == "/KH"


def test_tab_newline_and_form_feed_are_not_control_noise() -> None:
    assert not {"\t", "\n", "\r", "\f", "\u0085"} & set(CONTROL_CHARS)


def test_control_character_never_reaches_record(tmp_path) -> None:
    import vnplan

    path = tmp_path / "kh.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nXÃ HÒA XÁ\nSố: 05/KH-UBND\u0002\n\nKẾ HOẠCH\nTổ chức Tuần lễ\u0002 hưởng ứng"
                    " học tập suốt đời năm 2025\n\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n", encoding="utf-8")
    rec = vnplan.extract(path).to_dict()
    dumped = json.dumps(rec, ensure_ascii=False)
    assert not set(dumped) & set(CONTROL_CHARS)
    assert rec["number"] == "05" and rec["symbol"] == "KH-UBND"
    assert "Tuần lễ hưởng ứng" in rec["title"]
