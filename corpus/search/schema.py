"""The tantivy schema of the search index and the analyzer of its text fields."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import tantivy

from corpus.folding import fold

#: Bump when the fields below change: an index of another format is rebuilt at start.
INDEX_FORMAT = 2
#: The analyzer of the text fields, registered under this name on each open.
ANALYZER = "congvan_words"
#: The analyzer of the word-pair field (pairs are made in Python, split on spaces here).
PAIRS_ANALYZER = "congvan_pairs"
#: tantivy drops longer tokens; queries drop them too.
MAX_TOKEN_BYTES = 40

#: Text fields: ``*_folded`` hold folded text (corpus.folding), the others the text
#: as written, for the boost of exact-diacritic matches.
BODY, BODY_FOLDED = "body", "body_folded"
SUBJECT, SUBJECT_FOLDED = "subject", "subject_folded"
ISSUER_FOLDED = "issuer_folded"
#: Adjacent folded words as one term each (``huan_chuong chuong_lao lao_dong``): a cheap
#: proximity signal, scored without positions.
BODY_PAIRS = "body_pairs"
#: Fast fields for filters and facets.
ID, KIND, ISSUER, YEAR, ISSUED, AWARD = "id", "kind", "issuer", "year", "issued", "award"


@lru_cache(maxsize=1)
def analyzer() -> tantivy.TextAnalyzer:
    """Split on anything not a letter or digit, drop over-long tokens, lower case."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
        .build()
    )


@lru_cache(maxsize=1)
def pairs_analyzer() -> tantivy.TextAnalyzer:
    """Split word pairs on spaces."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def register_analyzers(index: tantivy.Index) -> None:
    """Make the analyzers known to ``index`` (tantivy does not store them)."""
    index.register_tokenizer(ANALYZER, analyzer())
    index.register_tokenizer(PAIRS_ANALYZER, pairs_analyzer())


_WORD = re.compile(r"[^\W_]+")


def word_pairs(words: list[str]) -> list[str]:
    """Adjacent words joined: ``["lao", "dong", "tien"]`` → ``["lao_dong", "dong_tien"]``."""
    return [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def pairs_text(folded: str) -> str:
    """The word-pair field of a folded text."""
    return " ".join(word_pairs(_WORD.findall(folded)))


class IndexText(NamedTuple):
    """The derived texts the index holds for a document's body (computed where it is extracted)."""

    folded: str
    pairs: str


def prepare_text(text: str) -> IndexText:
    """Fold a document's text and make its word pairs."""
    folded = fold(text)
    return IndexText(folded, pairs_text(folded))


@lru_cache(maxsize=1)
def build_schema() -> tantivy.Schema:
    """The index's fields; nothing is stored (texts are read from the database)."""
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field(ID, indexed=True, fast=True)
    for name in (BODY, BODY_FOLDED, SUBJECT, SUBJECT_FOLDED, ISSUER_FOLDED):
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option="position")
    builder.add_text_field(BODY_PAIRS, tokenizer_name=PAIRS_ANALYZER, index_option="freq")
    for name in (KIND, ISSUER, AWARD):
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    for name in (YEAR, ISSUED):
        builder.add_integer_field(name, indexed=True, fast=True)
    return builder.build()


def tokens(text: str) -> list[str]:
    """The tokens the index holds for ``text`` (already folded, or not, by the caller)."""
    return analyzer().analyze(text)
