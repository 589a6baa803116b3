"""The spaCy pipeline: components by factory, spans, offsets kept by the tokenizer."""

from __future__ import annotations

from extract.pipeline import PIPE_NAMES, get_nlp
from extract.tokenizer import align, token_spans

TEXT = ("Năm 2019 toàn Cụm có 12 tập thể được tặng Cờ Thi đua của BHXH Việt Nam; thu được "
        "10.101,8 tỷ đồng, đạt 36,45% kế hoạch.\nHoà chung không khí thi đua.")


def test_components_are_registered_in_order() -> None:
    assert tuple(get_nlp().pipe_names) == PIPE_NAMES


def test_doc_text_is_the_input_and_spans_are_written() -> None:
    doc = get_nlp()(TEXT)
    assert doc.text == TEXT
    assert [s.text for s in doc.spans["targets"]] == ["10.101,8 tỷ đồng", "36,45%"]
    assert [s.text for s in doc.spans["awards"]] == ["12 tập thể được tặng Cờ Thi đua của BHXH Việt Nam"]


def test_underthesea_words_in_clauses_with_quantities_syllables_elsewhere() -> None:
    spans = token_spans(TEXT)
    words = [TEXT[s:e] for s, e in spans]
    assert "kế hoạch" in words  # "đạt 36,45% kế hoạch": segmented by underthesea
    assert "tập" in words and "thể" in words  # a clause without a quantity: syllables only
    assert "Hoà" in words and "chung" in words


def test_align_tolerates_rewritten_characters_and_line_breaks() -> None:
    text = "Hoà chung\nkhông khí"
    assert align(text, ["Hòa", "chung không", "khí"]) == [(0, 3), (4, 15), (16, 19)]
