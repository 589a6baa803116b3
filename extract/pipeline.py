"""The spaCy pipeline: a Vietnamese ``Language`` with the congvan components.

Components, registered by factory and run in this order, each writing
``doc.spans[KEY]`` and the matching items in ``doc._.items[KEY]``:

* ``vn_letter_meta``  → ``doc._.meta`` (kind, number, date, issuer …), spans ``number``
* ``vn_references``   → spans ``references``
* ``vn_dates``        → spans ``dates`` and ``periods``
* ``vn_tables``       → ``doc.user_data["congvan_tables"]``: pipe tables, read cell by cell below
* ``vn_awards``       → spans ``awards``
* ``vn_targets``      → spans ``targets``

Adding a kind of fact: a module with a ``find_*`` function, its data file in
``data/``, a factory here, one line in :data:`PIPE_NAMES`, and a test table.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import extract.tokenizer  # noqa: F401  (registers the tokenizer factory)
from extract.awards import classify_award, find_awards, lead_in_proposals, proposed_before, read_counts
from extract.dates import find_dates
from extract.letter_meta import LetterMeta, find_meta, find_references
from extract.models import Located
from extract.tables import find_tables, table_awards, table_targets
from extract.targets import find_targets

PIPE_NAMES = ("vn_letter_meta", "vn_references", "vn_dates", "vn_tables", "vn_awards", "vn_targets")

if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)
if not Doc.has_extension("items"):
    Doc.set_extension("items", getter=lambda doc: doc.user_data.setdefault("congvan_items", {}))


def _store(doc: Doc, key: str, items: list[Located]) -> None:
    """Write ``items`` as ``doc.spans[key]`` and keep the exact items beside them."""
    spans = []
    kept = []
    for item in items:
        span = doc.char_span(item.start, item.end, label=key, alignment_mode="expand")
        if span is not None:
            spans.append(span)
            kept.append(item)
    doc.spans[key] = spans
    doc._.items[key] = kept


def _text(doc: Doc) -> str:
    """The document's text, kept by the tokenizer (``Doc.text`` joins every token anew)."""
    return doc.user_data.get("congvan_text") or doc.text


def _spans(doc: Doc, *keys: str) -> list[tuple[int, int]]:
    return [(it.start, it.end) for k in keys for it in doc._.items.get(k, [])]


@Language.factory("vn_letter_meta", assigns=["doc._.meta", "doc.spans"])
def make_letter_meta(nlp: Language, name: str):
    """Kind, số và ký hiệu, place and date, issuer, trích yếu, Kính gửi, signer, Nơi nhận."""

    def component(doc: Doc) -> Doc:
        meta: LetterMeta = find_meta(_text(doc))
        doc._.meta = meta
        if meta.number_span:
            s, e = meta.number_span
            doc._.items["number"] = []
            span = doc.char_span(s, e, label="number", alignment_mode="expand")
            doc.spans["number"] = [span] if span is not None else []
        return doc

    return component


@Language.factory("vn_references", assigns=["doc.spans"])
def make_references(nlp: Language, name: str):
    """Documents cited in the text."""

    def component(doc: Doc) -> Doc:
        _store(doc, "references", find_references(_text(doc)))
        return doc

    return component


@Language.factory("vn_dates", assigns=["doc.spans"], requires=["doc._.meta"])
def make_dates(nlp: Language, name: str):
    """Every date, month, year, quarter and half, with ranges and inferred years."""

    def component(doc: Doc) -> Doc:
        meta = doc._.meta
        dates, periods = find_dates(_text(doc), issued=meta.issued_date if meta else None)
        _store(doc, "dates", dates)
        _store(doc, "periods", periods)
        return doc

    return component


def _tables(doc: Doc) -> list:
    return doc.user_data.get("congvan_tables", [])


@Language.factory("vn_tables", assigns=["doc.user_data"])
def make_tables(nlp: Language, name: str):
    """Tables as pipe rows, whose cells the award and target components read by column."""

    def component(doc: Doc) -> Doc:
        doc.user_data["congvan_tables"] = find_tables(_text(doc))
        return doc

    return component


@Language.factory("vn_awards", assigns=["doc.spans"], requires=["doc.user_data"])
def make_awards(nlp: Language, name: str):
    """Counts of tập thể and cá nhân awarded or proposed, per award, in prose and in tables."""

    def component(doc: Doc) -> Doc:
        meta = doc._.meta
        text = _text(doc)
        blocked = _spans(doc, "dates", "periods")
        if meta is not None and meta.number_span:
            blocked.append(meta.number_span)
        tables = _tables(doc)
        prose = text
        for t in tables:  # table rows are read by column, not as sentences
            prose = prose[: t.start] + " " * (t.end - t.start) + prose[t.end :]
        items = find_awards(prose, exclude=blocked)
        items = [it.model_copy(update={"text": text[it.start : it.end]}) for it in items]
        inherits = lead_in_proposals(text)
        items += table_awards(text, tables, classify_award,
                              lambda at: proposed_before(text, at) or inherits(at), read_counts)
        _store(doc, "awards", sorted(items, key=lambda it: it.start))
        return doc

    return component


@Language.factory("vn_targets", assigns=["doc.spans"])
def make_targets(nlp: Language, name: str):
    """Percentages, money and counts of people that measure an indicator."""

    def component(doc: Doc) -> Doc:
        meta = doc._.meta
        blocked = _spans(doc, "dates", "awards")
        blocked += [(r.start, r.end) for r in doc._.items.get("references", [])]
        blocked += [(t.start, t.end) for t in _tables(doc)]
        items = find_targets(
            _text(doc),
            doc_kind=meta.kind if meta else "khac",
            exclude=blocked,
            dates=doc._.items.get("dates", []),
            periods=doc._.items.get("periods", []),
            words=doc.user_data.get("congvan_words") or [(t.idx, t.idx + len(t.text)) for t in doc],
        )
        items += table_targets(_tables(doc))
        _store(doc, "targets", sorted(items, key=lambda it: it.start))
        return doc

    return component


_lock = threading.Lock()


@lru_cache(maxsize=2)
def _build(segment: str) -> Language:
    config = {"nlp": {"tokenizer": {"@tokenizers": "congvan.vi_tokenizer.v1", "segment": segment}}}
    nlp = spacy.blank("vi", config=config)
    for pipe in PIPE_NAMES:
        nlp.add_pipe(pipe)
    return nlp


def get_nlp(segment: str = "candidates") -> Language:
    """The pipeline, built once per process (thread-safe)."""
    with _lock:
        return _build(segment)
