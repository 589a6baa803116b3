"""Reading what users type into query pieces, and the passages shown for a hit."""

from __future__ import annotations

import pytest

from corpus.folding import fold
from corpus.search.query import adjacent_pairs, parse_query
from corpus.search.schema import pairs_text
from corpus.search.snippets import ELLIPSIS, make_snippet


@pytest.mark.parametrize(
    ("typed", "pieces"),
    [
        ("huan chuong lao dong", [("huan",), ("chuong",), ("lao",), ("dong",)]),
        ('"Huân chương Lao động"', [("huan", "chuong", "lao", "dong")]),
        ("“Chiến sĩ thi đua” cơ sở", [("chien", "si", "thi", "dua"), ("co",), ("so",)]),
        ("12/KH-UBND", [("12", "kh", "ubnd")]),
        ('"unclosed phrase', [("unclosed", "phrase")]),
        ("- -- ,", []),
    ],
)
def test_parse_query_splits_words_and_phrases(typed: str, pieces: list[tuple[str, ...]]) -> None:
    assert [p.folded for p in parse_query(typed)] == pieces


def test_excluded_pieces_are_marked() -> None:
    parsed = parse_query('giảm nghèo -"bảo hiểm"')
    assert [(p.folded, p.negated) for p in parsed] == [
        (("giam",), False),
        (("ngheo",), False),
        (("bao", "hiem"), True),
    ]


def test_exact_tokens_keep_diacritics_in_one_tone_placement() -> None:
    [hoa] = parse_query("hoà")
    assert hoa.exact == ("hòa",) and hoa.marked
    [plain] = parse_query("hoa")
    assert not plain.marked


TEXT = (
    "Trong giai đoạn 2021-2025, Bệnh viện đã được tặng nhiều phần thưởng cao quý. "
    * 5
    + "Bộ Y tế đề nghị Chủ tịch nước tặng Huân chương Lao động hạng Nhì cho Bệnh viện. "
    + "Công nhận danh hiệu Chiến sỹ thi đua cơ sở cho 19 cá nhân. " * 4
)


def test_snippet_highlights_the_written_words_for_a_query_without_diacritics() -> None:
    snippet = make_snippet(TEXT, parse_query('"huan chuong lao dong"'))
    [(start, end)] = snippet.highlights
    assert snippet.text[start:end] == "Huân chương Lao động"
    assert snippet.text.startswith(ELLIPSIS) and snippet.text.endswith(ELLIPSIS)
    assert len(snippet.text) <= 240 + 2


def test_snippet_prefers_the_window_with_most_pieces() -> None:
    snippet = make_snippet(TEXT, parse_query("chien sy ca nhan"))
    words = {fold(snippet.text[s:e]) for s, e in snippet.highlights}
    assert words == {"chien", "si", "ca", "nhan"}
    assert "«Chiến» «sỹ»" in snippet.marked()


def test_snippet_without_matches_shows_the_beginning() -> None:
    snippet = make_snippet(TEXT, parse_query("khong tim thay"))
    assert snippet.highlights == [] and snippet.text.startswith("Trong giai đoạn")


def test_excluded_words_are_not_highlighted() -> None:
    snippet = make_snippet(TEXT, parse_query("huan chuong -lao"))
    assert {fold(snippet.text[s:e]) for s, e in snippet.highlights} == {"huan", "chuong"}


@pytest.mark.parametrize(
    ("typed", "pairs"),
    [
        ("huan chuong lao dong", ["huan_chuong", "chuong_lao", "lao_dong"]),
        ('thi dua "lao dong tien tien" chien si', ["thi_dua", "chien_si"]),
        ("bao phu -bhyt y te", ["bao_phu", "y_te"]),
        ("bhyt", []),
    ],
)
def test_adjacent_words_become_pairs_for_proximity(typed: str, pairs: list[str]) -> None:
    assert adjacent_pairs(parse_query(typed)) == pairs


def test_word_pairs_of_a_folded_text() -> None:
    assert pairs_text(fold("Huân chương Lao động, hạng Ba")) == "huan_chuong chuong_lao lao_dong dong_hang hang_ba"
