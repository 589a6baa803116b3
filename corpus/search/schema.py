"""The tantivy schema of the search index and the analyzer of its text fields."""

from __future__ import annotations

from functools import lru_cache

import tantivy

#: Bump when the fields below change: an index of another format is rebuilt at start.
INDEX_FORMAT = 1
#: The analyzer of every text field, registered under this name on each open.
ANALYZER = "congvan_words"
#: tantivy drops longer tokens; queries drop them too.
MAX_TOKEN_BYTES = 40

#: Text fields: ``*_folded`` hold folded text (corpus.folding), the others the text
#: as written, for the boost of exact-diacritic matches.
BODY, BODY_FOLDED = "body", "body_folded"
SUBJECT, SUBJECT_FOLDED = "subject", "subject_folded"
ISSUER_FOLDED = "issuer_folded"
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


def build_schema() -> tantivy.Schema:
    """The index's fields; nothing is stored (texts are read from the database)."""
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field(ID, indexed=True, fast=True)
    for name in (BODY, BODY_FOLDED, SUBJECT, SUBJECT_FOLDED, ISSUER_FOLDED):
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option="position")
    for name in (KIND, ISSUER, AWARD):
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    for name in (YEAR, ISSUED):
        builder.add_integer_field(name, indexed=True, fast=True)
    return builder.build()


def tokens(text: str) -> list[str]:
    """The tokens the index holds for ``text`` (already folded, or not, by the caller)."""
    return analyzer().analyze(text)
