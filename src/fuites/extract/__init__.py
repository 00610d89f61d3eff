"""Extractors, one per family of fields, and the pipeline that assembles them into a Document."""
