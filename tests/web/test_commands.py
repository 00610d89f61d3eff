"""`fuites token create` and `fuites serve` as a user runs them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from fuites.cli import app
from fuites.web.tokens import TokenFile

FUITES = Path(sys.executable).parent / "fuites"


def test_token_create_prints_a_token_the_server_accepts(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    result = CliRunner().invoke(app, ["token", "create", "newsroom", "--tokens", str(tokens)])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[0]
    assert TokenFile(tokens).check(token) == "newsroom"
    assert token not in tokens.read_text()
    assert oct(tokens.stat().st_mode & 0o777) == "0o600"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_the_given_port_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [str(FUITES), "serve", "--db", str(tmp_path / "fuites.db"), "--port", str(port), "--no-access-log"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "FUITES_TOKENS": str(tmp_path / "t")},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "fuites serve did not answer within 60 s"
                time.sleep(0.2)
        assert response.json()["incidents"] == 0
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=20)
    assert f"serving on http://127.0.0.1:{port}/" in err.decode()


def test_serve_refuses_a_store_it_cannot_open(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db"
    bad.write_text("this is not SQLite " * 100)
    result = CliRunner().invoke(app, ["serve", "--db", str(bad)])
    assert result.exit_code == 1
    assert "cannot open the store" in result.stderr
    assert "serving on" not in result.stderr


def test_demo_says_its_organisations_are_fictional_and_removes_its_store(tmp_path: Path) -> None:
    port = _free_port()
    temp = tmp_path / "tmp"
    temp.mkdir()
    server = subprocess.Popen(
        [str(FUITES), "demo", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(temp)},
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "fuites demo did not answer within 120 s"
                time.sleep(0.3)
        assert response.json()["incidents"] > 0
        assert [p.name[:12] for p in temp.iterdir()] == ["fuites-demo-"]
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
    assert "their organisations are fictional" in err.decode()
    assert list(temp.iterdir()) == []
