"""A batch's output folder: per shard, an articles table and an incidents table (Parquet), and a
marker written last that says the shard is complete.

    OUT/plan.json                 the shards in input order (what `fuites load` follows)
    OUT/articles/SHARD.parquet    one row per article: relevance, text, the record with its evidence
    OUT/incidents/SHARD.parquet   one row per incident, with the article's id
    OUT/shards/SHARD.json         counts and read failures; present only once both tables are whole
    OUT/summary.json              the run's totals

Tables are written to hidden temporary names and renamed when whole, then the marker likewise:
a shard with a marker is complete, and a killed run leaves at worst temporary files that the
next run overwrites.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from fuites.merge import band_keys, minhash
from fuites.models import Document
from fuites.store.writer import text_hash

# Articles written per Parquet row group: what a worker holds before it writes.
ROW_GROUP = 500

_LIST = pa.list_(pa.string())
ARTICLES = pa.schema([
    ("shard", pa.string()),
    ("position", pa.int32()),
    ("id", pa.string()),
    ("source", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("published", pa.string()),
    ("lang", pa.string()),
    ("reports_incident", pa.bool_()),
    ("incidents", pa.int32()),
    ("warnings", _LIST),
    ("extractor", pa.string()),
    ("text", pa.large_string()),
    # the whole record but its text (incidents with their evidence spans), as `fuites extract` prints it
    ("record", pa.large_string()),
    # what the store keys and merges articles on, computed here, in parallel: `fuites load` reads them
    ("text_hash", pa.string()),
    ("minhash", pa.binary()),
    # its LSH band keys (as `band_keys` gives them, duplicates removed): the rows of article_bands
    ("bands", pa.list_(pa.int64())),
])
INCIDENTS = pa.schema([
    ("shard", pa.string()),
    ("article", pa.string()),
    ("article_position", pa.int32()),
    ("position", pa.int32()),
    ("primary", pa.bool_()),
    ("victim", pa.string()),
    ("sector", pa.string()),
    ("country", pa.string()),
    ("attack", _LIST),
    ("actors", _LIST),
    ("affected_count", pa.int64()),
    ("affected_qualifier", pa.string()),
    ("affected_who", _LIST),
    ("data", _LIST),
    ("data_not", _LIST),
    ("occurred", pa.string()),
    ("discovered", pa.string()),
    ("disclosed", pa.string()),
    ("authorities", _LIST),
    ("notified_individuals", pa.bool_()),
    ("channels", _LIST),
    ("evidence", pa.string()),
])


def marker_path(out: Path, shard: str) -> Path:
    return out / "shards" / f"{shard}.json"


def table_path(out: Path, table: str, shard: str) -> Path:
    return out / table / f"{shard}.parquet"


def read_marker(out: Path, shard: str) -> dict[str, Any] | None:
    """The marker of a complete shard, or None."""
    path = marker_path(out, shard)
    try:
        value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value


def write_json(path: Path, value: object) -> None:
    """Write a JSON file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)


class ShardWriter:
    """Rows of one shard, written in row groups to temporary files that `finish` renames."""

    def __init__(self, out: Path, shard: str) -> None:
        self.out, self.shard = out, shard
        self.articles: list[dict[str, Any]] = []
        self.incidents: list[dict[str, Any]] = []
        self.count = 0
        self.incident_count = 0
        self.reporting = 0
        self._writers: dict[str, pq.ParquetWriter] = {}

    def _temporary(self, table: str) -> Path:
        final = table_path(self.out, table, self.shard)
        return final.with_name(f".{final.name}.tmp")

    def add(self, doc: Document, source: str) -> None:
        position = self.count
        self.count += 1
        self.reporting += doc.reports_incident
        self.incident_count += len(doc.incidents)
        hashvalues = minhash(doc.text)
        self.articles.append({
            "shard": self.shard, "position": position, "id": doc.doc, "source": source, "url": doc.url,
            "title": doc.title, "published": doc.published, "lang": doc.lang,
            "reports_incident": doc.reports_incident, "incidents": len(doc.incidents), "warnings": doc.warnings,
            "extractor": doc.extractor, "text": doc.text,
            "record": doc.model_dump_json(exclude={"text"}),
            "text_hash": text_hash(doc.text or doc.title or doc.doc), "minhash": hashvalues,
            "bands": list(dict.fromkeys(band_keys(hashvalues))) if hashvalues is not None else None,
        })
        for number, incident in enumerate(doc.incidents):
            affected = incident.affected
            self.incidents.append({
                "shard": self.shard, "article": doc.doc, "article_position": position, "position": number,
                **incident.model_dump(mode="json", exclude={"affected", "evidence"}),
                "affected_count": affected.count if affected else None,
                "affected_qualifier": affected.qualifier if affected else None,
                "affected_who": affected.who if affected else [],
                "evidence": json.dumps(incident.evidence),
            })
        if len(self.articles) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        for table, schema, rows in (("articles", ARTICLES, self.articles), ("incidents", INCIDENTS, self.incidents)):
            writer = self._writers.get(table)
            if writer is None:
                path = self._temporary(table)
                path.parent.mkdir(parents=True, exist_ok=True)
                writer = self._writers[table] = pq.ParquetWriter(path, schema, compression="zstd")
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        self.articles, self.incidents = [], []

    def finish(self, marker: dict[str, Any]) -> None:
        """Write the last rows, rename both tables, then the marker: the shard is complete."""
        self._flush()
        for writer in self._writers.values():
            writer.close()
        for table in ("articles", "incidents"):
            os.replace(self._temporary(table), table_path(self.out, table, self.shard))
        write_json(marker_path(self.out, self.shard), marker)

    def abandon(self) -> None:
        for writer in self._writers.values():
            writer.close()
        for table in ("articles", "incidents"):
            self._temporary(table).unlink(missing_ok=True)


def read_documents(out: Path, shard: str) -> Iterator[tuple[Document, str]]:
    """The documents of a complete shard and their sources, in order, a row group at a time."""
    for doc, source, _, _ in read_articles(out, shard):
        yield doc, source


# What `fuites load` stores of an article, read column by column.
LOAD_COLUMNS = ("id", "source", "url", "title", "published", "lang", "reports_incident", "extractor", "text",
                "record", "text_hash", "minhash", "bands")


def read_columns(out: Path, shard: str) -> Iterator[dict[str, list[Any]]]:
    """The LOAD_COLUMNS of a complete shard, a row group at a time, each a list in the shard's order;
    `bands` is None throughout in an output written before the workers computed them."""
    parquet = pq.ParquetFile(table_path(out, "articles", shard))
    names = [c for c in LOAD_COLUMNS if c in parquet.schema_arrow.names]
    for group in range(parquet.num_row_groups):
        table = parquet.read_row_group(group, columns=names)
        columns = {c: table.column(c).to_pylist() for c in names}
        columns.setdefault("bands", [None] * table.num_rows)
        yield columns


def read_articles(out: Path, shard: str) -> Iterator[tuple[Document, str, str, bytes | None]]:
    """Each article of a complete shard: its document, source, text hash and MinHash, in order."""
    parquet = pq.ParquetFile(table_path(out, "articles", shard))
    columns = ["record", "text", "source", "text_hash", "minhash"]
    for group in range(parquet.num_row_groups):
        table = parquet.read_row_group(group, columns=columns)
        for record, text, source, digest, hashvalues in zip(*(table.column(c).to_pylist() for c in columns),
                                                            strict=True):
            doc = Document.model_validate_json(record)
            doc.text = text
            yield doc, source, digest, hashvalues
