"""Readers that turn files, folders, jsonl lines and stdin into raw articles."""

from fuites.ingest.article import RawArticle, ReadFailure

__all__ = ["RawArticle", "ReadFailure"]
