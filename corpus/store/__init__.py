"""The archive's database: documents, their paths and their facts as tables."""

from corpus.store.sqlite import Store
from corpus.store.url import database_path

__all__ = ["Store", "database_path"]
