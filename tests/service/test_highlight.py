"""Highlighting a document's text: every piece escaped, marks nested, crossing marks cut."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from extract import extract_text
from service.web.highlight import Mark, highlight, marks_of

_TAG = re.compile(r"<mark [^>]*>|</mark>")


def _unescape(html: str) -> str:
    return (_TAG.sub("", html).replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"')
            .replace("&#39;", "'").replace("&amp;", "&"))


def test_document_text_is_escaped_around_and_inside_marks() -> None:
    html = highlight("<script>x</script> 12 tập thể", [Mark(0, 8, "date", 'a"b<c>'), Mark(19, 30, "award", "k")])
    assert isinstance(html, Markup)
    assert "<script>" not in html
    assert html.startswith('<mark class="hl hl-date" tabindex="0" data-tip="a&#34;b&lt;c&gt;">&lt;script&gt;</mark>')


def test_a_mark_inside_another_is_nested() -> None:
    text = "đạt 46,5% kế hoạch năm 2025"
    html = highlight(text, [Mark(0, len(text), "award", "a"), Mark(4, 9, "target", "t"), Mark(23, 27, "date", "d")])
    assert html == ('<mark class="hl hl-award" tabindex="0" data-tip="a">đạt '
                    '<mark class="hl hl-target" tabindex="0" data-tip="t">46,5%</mark> kế hoạch năm '
                    '<mark class="hl hl-date" tabindex="0" data-tip="d">2025</mark></mark>')


def test_a_crossing_mark_is_cut_at_the_end_of_the_first() -> None:
    html = highlight("abcdefgh", [Mark(0, 5, "award", "a"), Mark(3, 8, "target", "t")])
    assert html == ('<mark class="hl hl-award" tabindex="0" data-tip="a">abc'
                    '<mark class="hl hl-target" tabindex="0" data-tip="t">de</mark></mark>fgh')


def test_marks_out_of_the_text_are_ignored() -> None:
    assert highlight("abc", [Mark(2, 9, "date", "x"), Mark(-1, 1, "date", "x"), Mark(2, 2, "date", "x")]) == "abc"


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60),
                                                st.sampled_from(["date", "period", "target", "award"])), max_size=8))
def test_highlighting_never_changes_the_text_and_balances_its_tags(text: str, spans: list) -> None:
    marks = [Mark(min(a, b), max(a, b), kind, "<tip>") for a, b, kind in spans]
    html = str(highlight(text, marks))
    assert _unescape(html) == text
    assert html.count("<mark ") == html.count("</mark>")
    assert "<tip>" not in html


def test_marks_of_a_real_extraction_have_their_normalized_values() -> None:
    extraction = extract_text("Ngày 15/3/2025, 12 tập thể và 30 cá nhân được tặng Bằng khen của BHXH Việt Nam; "
                              "tỷ lệ bao phủ đạt 95,2%.")
    marks = {mark.kind: mark for mark in marks_of(extraction)}
    assert marks["date"].tip == "Ngày tháng: 2025-03-15"
    assert marks["award"].tip.startswith("bang_khen_cap_bo — ")
    assert "12 tập thể, 30 cá nhân" in marks["award"].tip
    assert "95,2 %" in marks["target"].tip
