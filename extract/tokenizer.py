"""A spaCy tokenizer for Vietnamese that wraps underthesea and keeps character offsets.

Word segmentation (CRF, underthesea) is the costly step, so it runs only on the
clauses that the rules read word by word: those holding a measured quantity
(``data/tokenizer.yaml``). Other clauses are split into syllables and
punctuation by a regular expression. Either way the tokens are re-aligned
to the original text: underthesea rewrites some characters (tone placement,
quotes), so a token is matched to the text by position, not by equality.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry
from spacy.vocab import Vocab

from extract.lexicon import load_data

_SYLLABLES = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'][^\W\d_]+)*|\S", re.UNICODE)


@lru_cache(maxsize=1)
def _config() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cfg = load_data("tokenizer.yaml")
    return re.compile(cfg["segment_when"], re.IGNORECASE), re.compile(cfg["clause_break"])


@lru_cache(maxsize=1)
def _word_tokenize():
    from underthesea import word_tokenize  # loaded lazily, once

    return word_tokenize


def align(text: str, tokens: list[str], offset: int = 0) -> list[tuple[int, int]]:
    """Character spans of ``tokens`` in ``text``.

    Whitespace inside a token may differ from the text's (a multi-syllable word
    "tập thể" spanning a line break), and a character may have been rewritten
    (``hoà`` → ``hòa``), but the non-space characters must correspond one to one.
    A token that cannot be placed is skipped.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for tok in tokens:
        chars = [c for c in tok if not c.isspace()]
        if not chars:
            continue
        while pos < n and text[pos].isspace():
            pos += 1
        start = pos
        k = 0
        while pos < n and k < len(chars):
            if text[pos].isspace():
                pos += 1
                continue
            pos += 1
            k += 1
        if k == len(chars):
            spans.append((offset + start, offset + pos))
    return spans


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    """Spans between clause breaks (the breaks themselves become syllable tokens)."""
    start = 0
    for m in _config()[1].finditer(text):
        if m.start() > start:
            yield start, m.start()
        yield m.start(), m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def token_spans(text: str, *, segment: str = "candidates") -> list[tuple[int, int]]:
    """Token spans for ``text``.

    Args:
        segment: ``"candidates"`` (word-segment only the clauses the rules need),
            ``"all"`` (every clause) or ``"none"`` (syllables only).
    """
    spans: list[tuple[int, int]] = []
    needs = _config()[0]
    for s, e in _clauses(text):
        clause = text[s:e]
        if clause.strip() and (segment == "all" or (segment == "candidates" and needs.search(clause))):
            spans.extend(align(clause, _word_tokenize()(clause), s))
        else:
            spans.extend((s + m.start(), s + m.end()) for m in _SYLLABLES.finditer(clause))
    return spans


class VietnameseTokenizer(DummyTokenizer):
    """spaCy tokenizer: underthesea words where rules need them, syllables elsewhere."""

    def __init__(self, vocab: Vocab, segment: str = "candidates") -> None:
        self.vocab = vocab
        self.segment = segment

    def __call__(self, text: str) -> Doc:
        spans = token_spans(text, segment=self.segment)
        words: list[str] = []
        spaces: list[bool] = []
        for i, (s, e) in enumerate(spans):
            nxt = spans[i + 1][0] if i + 1 < len(spans) else len(text)
            gap = text[e:nxt]
            words.append(text[s:e])
            if gap == " ":
                spaces.append(True)
            else:
                spaces.append(False)
                if gap:
                    words.append(gap)
                    spaces.append(False)
        lead = text[: spans[0][0]] if spans else text
        if lead:
            words.insert(0, lead)
            spaces.insert(0, False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["congvan_text"] = text  # Doc.text is rebuilt from tokens on every access
        doc.user_data["congvan_words"] = spans  # the words' offsets, without walking the tokens again
        return doc


@registry.tokenizers("congvan.vi_tokenizer.v1")
def create_tokenizer(segment: str = "candidates"):
    """Registered factory: ``[nlp.tokenizer] @tokenizers = "congvan.vi_tokenizer.v1"``."""

    def make(nlp) -> VietnameseTokenizer:
        return VietnameseTokenizer(nlp.vocab, segment=segment)

    return make
