"""From what a user types to a tantivy query.

A query is a list of pieces: words, ``"quoted phrases"`` and ``-excluded`` words or
phrases; every piece must match (in folded form). A piece written with diacritics
also matches the exact-diacritic fields, with a boost, so that "Chiến sĩ" ranks
documents that write "Chiến sĩ" above those that write "chien si".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import get_args

import tantivy

from corpus.errors import QueryError
from corpus.folding import fold, has_diacritics
from corpus.search import schema as f
from extract.models import DocumentKind
from extract.normalize import normalize_tones

#: How much an exact-diacritic match outweighs a folded one.
EXACT_BOOST = 4.0
SUBJECT_BOOST = 2.0
#: How much each pair of the query's words found side by side in a document adds.
PROXIMITY_BOOST = 1.0

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_PIECE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Piece:
    """One word or phrase of a query, with its tokens folded and exact."""

    text: str
    folded: tuple[str, ...]
    exact: tuple[str, ...]
    negated: bool = False
    phrase: bool = False  # quoted: its words must stand together anyway
    marked: bool = False  # written with diacritics


@dataclass(frozen=True)
class Filters:
    """Restrictions on the documents searched (all optional, combined with AND).

    ``date_from``/``date_to`` are keys from :func:`corpus.datekeys.parse_user_date`.
    """

    kind: str | None = None
    issuer: str | None = None
    date_from: int | None = None
    date_to: int | None = None
    award: str | None = None


def parse_query(text: str) -> list[Piece]:
    """Split a query into its pieces.

    Example:
        >>> [p.folded for p in parse_query('"huân chương lao động" -hạng')]
        [('huan', 'chuong', 'lao', 'dong'), ('hang',)]
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    pieces: list[Piece] = []
    for match in _PIECE.finditer(text):
        neg_q, quoted, neg_w, word = match.groups()
        raw = quoted if quoted is not None else word
        folded = tuple(f.tokens(fold(raw)))
        if not folded:
            continue
        pieces.append(
            Piece(
                text=raw,
                folded=folded,
                exact=tuple(f.tokens(normalize_tones(raw))),
                negated=bool(neg_q or neg_w),
                phrase=quoted is not None,
                marked=has_diacritics(raw),
            )
        )
    return pieces


def _match(schema: tantivy.Schema, field: str, words: tuple[str, ...]) -> tantivy.Query:
    if len(words) == 1:
        return tantivy.Query.term_query(schema, field, words[0])
    return tantivy.Query.phrase_query(schema, field, list(words))


def _piece_query(schema: tantivy.Schema, piece: Piece) -> tantivy.Query:
    clauses = [
        (tantivy.Occur.Should, _match(schema, f.BODY_FOLDED, piece.folded)),
        (tantivy.Occur.Should, tantivy.Query.boost_query(_match(schema, f.SUBJECT_FOLDED, piece.folded), SUBJECT_BOOST)),
    ]
    if piece.marked and piece.exact:
        clauses += [
            (tantivy.Occur.Should, tantivy.Query.boost_query(_match(schema, f.BODY, piece.exact), EXACT_BOOST)),
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(_match(schema, f.SUBJECT, piece.exact), EXACT_BOOST * SUBJECT_BOOST),
            ),
        ]
    return tantivy.Query.boolean_query(clauses)


def _filter_queries(schema: tantivy.Schema, filters: Filters) -> list[tantivy.Query]:
    out: list[tantivy.Query] = []
    if filters.kind:
        kinds = get_args(DocumentKind)
        if filters.kind not in kinds:
            raise QueryError("kind", f"unknown kind {filters.kind!r}; one of {', '.join(kinds)}")
        out.append(tantivy.Query.term_query(schema, f.KIND, filters.kind))
    if filters.issuer:
        words = tuple(f.tokens(fold(unicodedata.normalize("NFC", filters.issuer))))
        if not words:
            raise QueryError("issuer", f"{filters.issuer!r} has no words to match")
        out.append(_match(schema, f.ISSUER_FOLDED, words))
    if filters.date_from is not None or filters.date_to is not None:
        out.append(
            tantivy.Query.range_query(
                schema, f.ISSUED, tantivy.FieldType.Integer, filters.date_from, filters.date_to
            )
        )
    if filters.award:
        out.append(tantivy.Query.term_query(schema, f.AWARD, filters.award.strip()))
    return [tantivy.Query.const_score_query(q, 0.0) for q in out]


def adjacent_pairs(pieces: list[Piece]) -> list[str]:
    """Word pairs of each run of unquoted, wanted words (quoted phrases are matched as such)."""
    pairs: list[str] = []
    run: list[str] = []
    for piece in [*pieces, None]:
        if piece is None or piece.negated or piece.phrase:
            pairs += f.word_pairs(run)
            run = []
        else:
            run += piece.folded
    return list(dict.fromkeys(pairs))


def build_query(schema: tantivy.Schema, pieces: list[Piece], filters: Filters) -> tantivy.Query:
    """The tantivy query for ``pieces`` restricted by ``filters`` (all documents when both are empty)."""
    clauses = [
        (tantivy.Occur.MustNot if p.negated else tantivy.Occur.Must, _piece_query(schema, p)) for p in pieces
    ]
    for pair in adjacent_pairs(pieces):
        near = tantivy.Query.term_query(schema, f.BODY_PAIRS, pair)
        clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(near, PROXIMITY_BOOST)))
    clauses += [(tantivy.Occur.Must, q) for q in _filter_queries(schema, filters)]
    if not any(occur == tantivy.Occur.Must for occur, _ in clauses):
        clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)
