"""Readers stay within bounds on hostile input: devices, endless stdin, deep JSON, unreadable folders."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.files import MAX_BYTES, read_paths

TEXT = "La mutuelle Verbrac a signalé le vol des données de 12 000 adhérents, dont leurs noms.\n"
# Enough for Python and the readers' imports, far below what reading /dev/zero whole would take.
MEMORY_LIMIT = 1_500_000_000


def run_reader(code: str, *, stdin: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `code` in a Python of its own, its address space capped: a runaway read fails there."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    with open(stdin or os.devnull, "rb") as given:
        return subprocess.run([sys.executable, "-c", code], stdin=given, capture_output=True, text=True,
                              timeout=timeout, preexec_fn=cap)


READ = """
import resource, sys
from fuites.ingest.files import read_paths
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
articles = 0
for item in read_paths({paths!r}):
    if type(item).__name__ == "RawArticle":
        articles += 1
    else:
        print(type(item).__name__, item.message)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("articles", articles)
print("grew_kb", after - before)
"""


def test_a_txt_link_to_dev_zero_is_refused_as_not_a_file(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    result = run_reader(READ.format(paths=[str(link)]))
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"ReadFailure cannot read {link}: not a regular file" in result.stdout


def test_a_device_in_a_folder_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").symlink_to("/dev/zero")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    result = run_reader(READ.format(paths=[str(tmp_path)]))
    assert "not a regular file" in result.stdout and "articles 1" in result.stdout, result.stderr[-2000:]


def _grew_kb(output: str) -> int:
    return int(output.rsplit("grew_kb", 1)[1].split()[0])


def test_stdin_jsonl_is_read_a_line_at_a_time(tmp_path: Path) -> None:
    big = tmp_path / "feed.jsonl"
    line = json.dumps({"text": TEXT * 40}) + "\n"  # 3.6 kB
    with big.open("w", encoding="utf-8") as out:
        for _ in range(100_000_000 // len(line)):
            out.write(line)
    result = run_reader(READ.format(paths=["-"]), stdin=big)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"articles {100_000_000 // len(line)}" in result.stdout
    # reading 100 MB whole, as before, grew the process by more than that
    assert _grew_kb(result.stdout) < 60_000


def test_stdin_text_over_the_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as out:
        for _ in range(200_000_000 // len(TEXT)):
            out.write(TEXT)
    result = run_reader(READ.format(paths=["-"]), stdin=big)
    assert "ReadFailure cannot read <stdin>: too large (more than the limit of 5 MB)" in result.stdout
    assert _grew_kb(result.stdout) < 60_000


def test_a_deeply_nested_jsonl_line_fails_alone_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    lines = [json.dumps({"id": "a", "text": TEXT}), deep, json.dumps({"id": "c", "text": TEXT})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert [i.doc_id for i in items if isinstance(i, RawArticle)] == ["a", "c"]
    (failure,) = [i for i in items if isinstance(i, ReadFailure)]
    assert failure.message.startswith(f"cannot read {path}:2: JSON nested too deeply")


def test_a_deeply_nested_first_line_does_not_lose_the_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(deep + "\n" + json.dumps({"id": "b", "text": TEXT}) + "\n", encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert [type(i).__name__ for i in items] == ["ReadFailure", "RawArticle"]
    assert f"{path}:1" in items[0].message  # type: ignore[union-attr]


@pytest.mark.skipif(not shutil.which("setpriv") and os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_that_cannot_be_read_is_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(TEXT, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT, encoding="utf-8")
    locked.chmod(0)
    try:
        code = READ.format(paths=[str(tmp_path)])
        command = [sys.executable, "-c", code]
        if os.geteuid() == 0:
            # root reads any folder: drop the capabilities that let it
            command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    finally:
        locked.chmod(0o755)
    assert f"ReadFailure cannot read {locked}: permission denied; this folder is skipped" in result.stdout, \
        result.stderr[-2000:]
    assert "articles 1" in result.stdout


def test_a_file_just_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))
    (item,) = read_paths([str(path)])
    assert isinstance(item, ReadFailure) and "too large" in item.message


def test_stdin_from_dev_zero_is_refused_after_the_limit(tmp_path: Path) -> None:
    result = run_reader(READ.format(paths=["-"]), stdin=Path("/dev/zero"), timeout=60)
    assert "ReadFailure cannot read <stdin>: too large (more than the limit of 5 MB)" in result.stdout, \
        result.stderr[-2000:]


def test_stdin_of_blank_lines_only_is_refused_after_the_limit(tmp_path: Path) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\n" * 6_000_000)
    result = run_reader(READ.format(paths=["-"]), stdin=blank, timeout=60)
    assert "nothing but blank lines" in result.stdout, result.stderr[-2000:]
