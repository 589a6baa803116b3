"""Full-text search over the archive with tantivy: Vietnamese-aware analysis, filters, facets."""

from corpus.search.index import SearchIndex
from corpus.search.query import Filters, parse_query

__all__ = ["Filters", "SearchIndex", "parse_query"]
