"""What `read_paths` makes of files, folders, jsonl and stdin, good and bad."""

from __future__ import annotations

import gzip
import io
import json
import random
import socket
import sys
import time
from pathlib import Path

import pytest

from fuites.errors import InputWarning
from fuites.ingest.article import RawArticle, ReadFailure
from fuites.ingest.files import count_articles, read_paths

ARTICLE = (
    "Fuite de données chez Vexion Télécom\n"
    "L'opérateur Vexion Télécom a reconnu mardi le vol des données de 12 000 abonnés.\n"
    "Les noms et adresses e-mail ont été dérobés, selon l'entreprise.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Fuite de données chez Vexion Télécom | Le Quotidien de l'Ouest</title>
<meta property="og:title" content="Fuite de données chez Vexion Télécom">
<meta property="article:published_time" content="2024-11-05T09:30:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/economie">Économie</a></nav>
<article>
<h1>Fuite de données chez Vexion Télécom</h1>
<p>L'opérateur Vexion Télécom a reconnu mardi avoir été victime d'une intrusion dans ses systèmes
informatiques, qui a conduit au vol des données personnelles de 12 000 de ses abonnés.</p>
<p>Selon l'entreprise, les pirates ont pu consulter les noms, prénoms et adresses e-mail des
clients concernés. Aucune donnée bancaire n'aurait été exposée, assure un porte-parole.</p>
<p>L'opérateur indique avoir notifié la CNIL et prévenu ses abonnés par courriel dès mercredi.</p>
</article>
<footer>© Le Quotidien de l'Ouest</footer>
</body></html>
"""


def read(*paths: Path | str) -> list[RawArticle | ReadFailure]:
    return list(read_paths([str(p) for p in paths]))


def article(item: RawArticle | ReadFailure) -> RawArticle:
    assert isinstance(item, RawArticle), item
    return item


def failure(item: RawArticle | ReadFailure, source: str, reason: str) -> ReadFailure:
    """A failure that is one line naming its input and saying why."""
    assert isinstance(item, ReadFailure), item
    assert item.source == source
    assert item.message.startswith(f"cannot read {source}: "), item.message
    assert reason in item.message, item.message
    assert "\n" not in item.message
    return item


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# .txt


def test_txt_gives_its_text_with_the_file_stem_as_id(tmp_path: Path) -> None:
    path = write(tmp_path / "vexion-2024.txt", ARTICLE)
    [item] = read(path)
    assert article(item).doc_id == "vexion-2024"
    assert article(item).text == ARTICLE
    assert article(item).source == str(path)


def test_utf8_bom_is_dropped_and_windows_line_ends_become_newlines(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    [item] = read(path)
    assert article(item).text == ARTICLE


def test_utf16_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE.encode("utf-16"))
    [item] = read(path)
    assert article(item).text == ARTICLE


def test_latin1_text_is_read_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "ancien.txt", ARTICLE.encode("latin-1"))
    with pytest.warns(InputWarning, match=r"ancien\.txt: not UTF-8"):
        [item] = read(path)
    assert article(item).text == ARTICLE


def test_short_windows_1252_sentence_is_not_decoded_as_another_code_page(tmp_path: Path) -> None:
    path = write(tmp_path / "court.txt", "Données de santé dérobées à l'hôpital.".encode("cp1252"))
    with pytest.warns(InputWarning):
        [item] = read(path)
    assert article(item).text == "Données de santé dérobées à l'hôpital."


def test_empty_file_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "vide.txt", "")
    [item] = read(path)
    failure(item, str(path), "empty file")


def test_file_of_blank_lines_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "blanc.txt", "  \n\r\n\t\n")
    [item] = read(path)
    failure(item, str(path), "empty file")


def test_binary_file_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    [item] = read(path)
    failure(item, str(path), "not text (binary data)")


def test_bytes_no_encoding_decodes_are_a_failure(tmp_path: Path) -> None:
    noise = random.Random(0).randbytes(4000).replace(b"\x00", b"\x01")
    path = write(tmp_path / "bruit.txt", noise)
    [item] = read(path)
    failure(item, str(path), "not text")


def test_file_over_5_mb_is_a_failure_without_being_read(tmp_path: Path) -> None:
    path = write(tmp_path / "enorme.txt", b"a" * 5_000_001)
    [item] = read(path)
    failure(item, str(path), "too large (5.0 MB, the limit is 5 MB)")


def test_unknown_suffix_given_explicitly_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "article.pdf", "%PDF-1.7")
    [item] = read(path)
    failure(item, str(path), "unknown suffix .pdf; give .txt, .html or .jsonl, or a folder of them")


def test_missing_file_is_a_failure(tmp_path: Path) -> None:
    [item] = read(tmp_path / "absent.txt")
    failure(item, str(tmp_path / "absent.txt"), "no such file or folder")


def test_failure_does_not_stop_the_next_inputs(tmp_path: Path) -> None:
    empty = write(tmp_path / "vide.txt", "")
    good = write(tmp_path / "bon.txt", ARTICLE)
    first, second = read(empty, good)
    failure(first, str(empty), "empty file")
    assert article(second).doc_id == "bon"


# folders


def test_folder_is_read_recursively_in_sorted_order_keeping_known_suffixes(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "a" / "z.txt", ARTICLE)
    write(tmp_path / "a" / "y.HTML", PAGE)
    write(tmp_path / "c.jsonl", json.dumps({"id": "c1", "text": ARTICLE}) + "\n")
    write(tmp_path / "notes.md", "# pas un article")
    write(tmp_path / "image.png", b"\x89PNG\x00")
    write(tmp_path / ".cache" / "x.txt", ARTICLE)
    write(tmp_path / ".brouillon.txt", ARTICLE)
    assert [article(i).doc_id for i in read(tmp_path)] == ["y", "z", "b", "c1"]


def test_folder_without_articles_is_a_failure(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", "# pas un article")
    [item] = read(tmp_path)
    failure(item, str(tmp_path), "no .txt, .html, .htm or .jsonl file in this folder")


# .html


def test_html_gives_main_text_with_paragraphs_as_lines_title_and_date(tmp_path: Path) -> None:
    [item] = read(write(tmp_path / "vexion.html", PAGE))
    page = article(item)
    assert page.doc_id == "vexion"
    assert page.title == "Fuite de données chez Vexion Télécom"
    assert page.published == "2024-11-05"
    lines = (page.text or "").splitlines()
    assert any(line.startswith("L'opérateur Vexion Télécom a reconnu mardi") for line in lines)
    assert any(line.startswith("Selon l'entreprise, les pirates") for line in lines)
    assert "Accueil" not in (page.text or "")
    assert page.html is None


def test_htm_in_windows_1252_is_read(tmp_path: Path) -> None:
    legacy = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")
    with pytest.warns(InputWarning):
        [item] = read(write(tmp_path / "ancien.htm", legacy))
    assert "adresses e-mail des" in (article(item).text or "")


def test_publication_date_is_not_guessed_from_dates_in_the_body(tmp_path: Path) -> None:
    undated = PAGE.replace('<meta property="article:published_time" content="2024-11-05T09:30:00+01:00">', "")
    undated = undated.replace("a reconnu mardi", "a reconnu le 18 avril 2023")
    [item] = read(write(tmp_path / "sans-date.html", undated))
    assert article(item).published is None


def test_scripts_and_handlers_in_html_are_dropped_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    hostile = PAGE.replace(
        "<article>",
        f"""<script>while (true) {{}}</script>
<script>require('fs').writeFileSync({str(marker)!r}, 'x'); document.write('INJECTED')</script>
<img src="x" onerror="document.write('ONERROR')">
<iframe src="javascript:alert('IFRAME')"></iframe>
<article><style>p {{ display: none }} .CSSRULE {{}}</style>""",
    ).replace("<h1>", '<h1 onclick="alert(\'CLICK\')">')
    start = time.monotonic()
    [item] = read(write(tmp_path / "hostile.html", hostile))
    text = article(item).text or ""
    assert time.monotonic() - start < 10
    for leftover in ("INJECTED", "ONERROR", "IFRAME", "CLICK", "CSSRULE", "while (true)", "writeFileSync"):
        assert leftover not in text, leftover
    assert "Vexion Télécom a reconnu" in text
    assert not marker.exists()


def test_reading_html_opens_no_network_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access while reading a file")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    remote = PAGE.replace(
        "</head>",
        '<link rel="stylesheet" href="http://example.com/s.css">'
        '<meta http-equiv="refresh" content="0; url=http://example.com/">'
        '<link rel="canonical" href="http://example.com/article"></head>',
    ).replace("<article>", '<article><img src="http://example.com/pixel.gif"><iframe src="http://example.com/"></iframe>')
    [item] = read(write(tmp_path / "distant.html", remote))
    assert "Vexion Télécom" in (article(item).text or "")


def test_html_entity_expansion_does_not_blow_up(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "ha">{laughs}]>' + PAGE.replace(
        "<p>Selon", "<p>&l9; Selon"
    )
    start = time.monotonic()
    [item] = read(write(tmp_path / "bombe.html", bomb))
    assert time.monotonic() - start < 10
    assert len(article(item).text or "") < 10_000


def test_html_with_too_many_elements_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "geante.html", PAGE.replace("<footer>", "<span>x</span>" * 60_000 + "<footer>"))
    [item] = read(path)
    failure(item, str(path), "too many HTML elements (60,0")


def test_html_without_article_text_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "vide.html", "<html><head><script>alert(1)</script></head><body></body></html>")
    [item] = read(path)
    failure(item, str(path), "no article text found in the HTML")


# .jsonl


def test_jsonl_gives_one_article_a_line_with_its_metadata(tmp_path: Path) -> None:
    full = {"id": "art-1", "text": ARTICLE, "url": "https://exemple.fr/a", "title": "Vexion",
            "published": "2024-11-05"}
    crlf = {"id": 2, "text": "Deux.\r\nSuite."}
    path = write(tmp_path / "lot.jsonl", jsonl(full) + "\n" + jsonl(crlf))
    first, second = (article(i) for i in read(path))
    assert (first.doc_id, first.text, first.url, first.title, first.published) == (
        "art-1", ARTICLE, "https://exemple.fr/a", "Vexion", "2024-11-05",
    )
    assert (second.doc_id, second.text) == ("2", "Deux.\nSuite.")


def test_jsonl_line_without_id_is_named_by_stem_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "lot.jsonl", jsonl({"text": "Un."}, {"text": "Deux."}))
    assert [article(i).doc_id for i in read(path)] == ["lot:1", "lot:2"]


def test_jsonl_html_field_is_read_as_a_page(tmp_path: Path) -> None:
    path = write(tmp_path / "pages.jsonl", jsonl({"id": "p1", "html": PAGE}))
    [item] = read(path)
    assert article(item).title == "Fuite de données chez Vexion Télécom"
    assert "Vexion Télécom a reconnu mardi" in (article(item).text or "")


def test_malformed_jsonl_line_is_a_failure_naming_file_and_line(tmp_path: Path) -> None:
    broken = '{"id": "b", "text": \n[1, 2]\n'
    content = jsonl({"id": "a", "text": "1."}) + broken + jsonl({"id": "c", "text": "3."})
    path = write(tmp_path / "lot.jsonl", content)
    a, bad, array, c = read(path)
    failure(bad, f"{path}:2", "not JSON")
    failure(array, f"{path}:3", "not a JSON object")
    assert [article(a).doc_id, article(c).doc_id] == ["a", "c"]


def test_jsonl_line_without_text_is_a_failure(tmp_path: Path) -> None:
    path = write(
        tmp_path / "lot.jsonl",
        jsonl({"id": "a", "url": "https://exemple.fr"}, {"id": "b", "text": "  "}, {"id": "c", "text": 42}),
    )
    missing, blank, number = read(path)
    failure(missing, f"{path}:1", 'no "text" or "html" field')
    failure(blank, f"{path}:2", 'empty "text"')
    failure(number, f"{path}:3", 'field "text"')


def test_text_file_named_jsonl_is_one_failure_not_one_a_line(tmp_path: Path) -> None:
    path = write(tmp_path / "article.jsonl", ARTICLE)
    [item] = read(path)
    failure(item, str(path), "not JSON lines (line 1")


def test_jsonl_line_over_5_mb_is_a_failure_and_the_next_line_is_read(tmp_path: Path) -> None:
    huge = {"id": "gros", "text": "a" * 5_000_001}
    path = write(tmp_path / "lot.jsonl", jsonl({"text": "Un."}, huge, {"text": "Trois."}))
    first, big, last = read(path)
    failure(big, f"{path}:2", "line too large")
    assert [article(first).text, article(last).text] == ["Un.", "Trois."]


def test_empty_jsonl_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "vide.jsonl", "\n\n")
    [item] = read(path)
    failure(item, str(path), "empty file")


# stdin


def test_dash_reads_an_article_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, ARTICLE.replace("\n", "\r\n").encode())
    [item] = read("-")
    assert (article(item).doc_id, article(item).text) == ("stdin", ARTICLE)


def test_dash_reads_jsonl_from_stdin_when_it_parses_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, jsonl({"id": "x", "text": "Un."}, {"text": "Deux."}).encode())
    assert [article(i).doc_id for i in read("-")] == ["x", "stdin:2"]


def test_dash_reads_an_html_page_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, PAGE.encode())
    [item] = read("-")
    assert article(item).title == "Fuite de données chez Vexion Télécom"


def test_empty_stdin_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b"")
    [item] = read("-")
    failure(item, "<stdin>", "nothing on standard input")


def test_progress_counts_the_lines_of_a_jsonl_and_leaves_a_compressed_one_unknown(tmp_path: Path) -> None:
    plain = tmp_path / "feed.jsonl"
    plain.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n', encoding="utf-8")
    packed = tmp_path / "archive.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert count_articles([str(plain)]) == 2
    assert count_articles([str(plain), str(packed)]) is None
