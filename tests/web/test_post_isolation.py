"""A long article posted to the API runs in the extraction process: the readers do not wait for it,
and one that runs past the time limit fails alone while the next POST is served."""

from __future__ import annotations

import random
import string
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from conftest import MUTUELLE, serving


def _long_article(size: int) -> str:
    # many capitalised words in one unpunctuated run: the extractor's slowest kind of text
    rng = random.Random(7)

    def word() -> str:
        return rng.choice(string.ascii_uppercase) + "".join(rng.choice(string.ascii_lowercase) for _ in range(6))

    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(f"les clients de {word()} {word()} et de la société {word()} ont été touchés par la fuite chez")
    return "La société Exemple a été piratée " + " ".join(parts)


def test_readers_are_served_while_a_long_article_is_extracted(tmp_path: Path) -> None:
    with serving(tmp_path, [MUTUELLE], cache_bytes=0, extract_seconds=4) as s:
        posted: dict[str, Any] = {}

        def post() -> None:
            posted["response"] = httpx.post(f"{s.url}/api/articles", json={"text": _long_article(50_000)},
                                            headers={"Authorization": f"Bearer {s.token}"}, timeout=120)

        thread = threading.Thread(target=post)
        thread.start()
        latencies = []
        with httpx.Client(base_url=s.url, timeout=60) as client:
            n = 0
            while thread.is_alive() and n < 400:
                n += 1
                start = time.perf_counter()
                response = client.get("/api/incidents", params={"q": f"mutuelle{n}"})
                latencies.append(time.perf_counter() - start)
                assert response.status_code == 200
                time.sleep(0.02)
        thread.join()
        response = posted["response"]
        assert response.status_code == 422, response.text[:300]
        assert "took over 4 s to extract" in response.json()["error"]["message"]
        assert len(latencies) >= 20 and max(latencies) < 1.0, sorted(latencies)[-5:]
        again = httpx.post(f"{s.url}/api/articles", headers={"Authorization": f"Bearer {s.token}"}, timeout=120,
                           json={"text": "La clinique Exemplaire a subi un rançongiciel : les dossiers de 2 000 "
                                         "patients ont été dérobés."})
        assert again.status_code == 201, again.text[:300]
