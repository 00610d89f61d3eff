"""`fuites batch`: shards through a real Dask cluster into Parquet tables; resuming; WARC input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from batch_articles import ARTICLES, two_shards
from typer.testing import CliRunner

from fuites.batch import run_batch
from fuites.batch.output import marker_path, table_path
from fuites.batch.shards import plan
from fuites.cli import app
from fuites.extract.each import extract_each
from fuites.ingest.archive import read_archive_paths
from fuites.ingest.article import RawArticle


@pytest.fixture
def shards(tmp_path: Path) -> list[Path]:
    return two_shards(tmp_path)


def _batch(inputs: list[Path], out: Path) -> dict[str, object]:
    summary = run_batch([str(p) for p in inputs], out, workers=1, processes=False)
    return summary.as_dict()


def _table(out: Path, table: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in sorted((out / table).glob("*.parquet")):
        rows += pq.read_table(path).to_pylist()
    return rows


def test_batch_writes_the_records_that_extract_gives(shards: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = _batch(shards, out)
    assert summary["articles"] == len(ARTICLES) and summary["failed"] == 0
    assert json.loads((out / "summary.json").read_text())["articles"] == len(ARTICLES)
    articles = {row["id"]: row for row in _table(out, "articles")}
    raws = [r for r in read_archive_paths([str(p) for p in shards]) if isinstance(r, RawArticle)]
    for doc in extract_each(raws):
        assert not isinstance(doc, str)
        row = articles[doc.doc]
        assert json.loads(str(row["record"])) == json.loads(doc.model_dump_json(exclude={"text"})), doc.doc
        assert row["text"] == doc.text and row["reports_incident"] == doc.reports_incident
    assert articles["meteo"]["reports_incident"] is False
    incidents = _table(out, "incidents")
    assert {"velmont-1", "caudan-1", "brenil-1"} <= {row["article"] for row in incidents}
    velmont = next(row for row in incidents if row["article"] == "velmont-1")
    assert velmont["victim"] and "Velmont" in str(velmont["victim"]) and velmont["affected_count"] == 48_000
    assert json.loads(str(velmont["evidence"]))["victim"]


def test_a_complete_shard_is_skipped_and_an_unfinished_one_done_again(shards: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    _batch(shards, out)
    first, second = plan([str(p) for p in shards])
    # the run was killed while writing the second shard: its tables half written, no marker
    marker_path(out, second.name).unlink()
    table_path(out, "articles", second.name).unlink()
    stray = table_path(out, "incidents", second.name).with_name(f".{second.name}.parquet.tmp")
    stray.write_bytes(b"half a file")
    kept = marker_path(out, first.name).stat().st_mtime_ns
    summary = _batch(shards, out)
    assert summary["skipped"] == 1 and summary["articles"] == len(ARTICLES)
    assert marker_path(out, first.name).stat().st_mtime_ns == kept
    assert marker_path(out, second.name).exists() and not stray.exists()
    assert sorted(row["id"] for row in _table(out, "articles")) == sorted(a["id"] for a in ARTICLES)


def test_the_html_pages_of_a_warc_are_read(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><head><title>Velmont piratée</title></head><body><article><h1>Velmont piratée</h1>"
            f"<p>{ARTICLES[0]['text']}</p></article></body></html>").encode()
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        url = "https://presse.example/velmont-warc"
        writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(page), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url + ".png", "response", payload=BytesIO(b"\x89PNG"),
                                                      http_headers=image))
    out = tmp_path / "out"
    summary = _batch([path], out)
    assert summary["articles"] == 1 and summary["failed"] == 0
    (row,) = _table(out, "articles")
    assert row["url"] == "https://presse.example/velmont-warc" and "48 000 adhérents" in str(row["text"])
    (incident, *_) = _table(out, "incidents")
    assert "Velmont" in str(incident["victim"])


def test_a_missing_input_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "nowhere.jsonl"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("fuites: no such file or folder") and "Traceback" not in result.output


@pytest.mark.parametrize("content", [b"not gzip at all", b""])
def test_a_broken_archive_fails_alone(tmp_path: Path, shards: list[Path], content: bytes) -> None:
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(content)
    summary = _batch([broken, *shards], tmp_path / "out")
    assert summary["articles"] == len(ARTICLES) and summary["failed"] == 1
    assert any("broken.jsonl.gz" in str(f) for f in summary["failures"])  # type: ignore[attr-defined]


ORANGESUM = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "orangesum-fr.jsonl.gz"
SAMPLE = 40


def test_batch_gives_the_records_of_extract_on_real_news(tmp_path: Path) -> None:
    """Real French articles (read from ../shared, never copied) in two shards through a worker."""
    import gzip
    from itertools import islice

    if not ORANGESUM.exists():
        pytest.skip(f"{ORANGESUM} is absent")
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as lines:
        sample = list(islice(lines, SAMPLE))
    inputs = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    inputs[0].write_text("".join(sample[: SAMPLE // 2]), encoding="utf-8")
    inputs[1].write_text("".join(sample[SAMPLE // 2:]), encoding="utf-8")
    out = tmp_path / "out"
    assert _batch(inputs, out)["articles"] == SAMPLE
    records = {row["id"]: json.loads(str(row["record"])) for row in _table(out, "articles")}
    raws = [r for r in read_archive_paths([str(p) for p in inputs]) if isinstance(r, RawArticle)]
    for doc in extract_each(raws):
        assert not isinstance(doc, str)
        assert records[doc.doc] == json.loads(doc.model_dump_json(exclude={"text"})), doc.doc
