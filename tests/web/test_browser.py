"""The pages in a real browser: Playwright driving Debian's Chromium (`.ci/run` installs it).

Playwright's own browser download does not work on our machines, so it launches the system
executable. Each test keeps screenshots of the pages it saw under artifacts/web/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install -e '.[dev]'"
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_executable() -> str | None:
    for candidate in (os.environ.get("FUITES_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_executable()
    if executable is None:
        pytest.skip("no chromium executable (apt-get install chromium, or set FUITES_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, served: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=served.url, locale="fr-FR", viewport={"width": 1200, "height": 900}
    )
    p = context.new_page()
    p.dialogs = []
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    yield p
    context.close()


def shot(page: Any, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def listed(page: Any) -> list[str]:
    return [v.strip() for v in page.locator("li.incident a.victim").all_inner_texts()]


def test_home_lists_the_latest_incidents_with_counts(page: Any, artifacts: Path) -> None:
    page.goto("/")
    shot(page, artifacts, "home")
    assert page.locator("h1").inner_text().startswith("Derniers incidents")
    assert listed(page)[:2] == ["Lunelle", "Horizon Santé"]
    totals = " ".join(page.locator(".totals").inner_text().split())
    assert "4 incidents" in totals and "6 articles lus, dont 1 mis de côté" in totals


def test_a_facet_filters_the_list_and_can_be_removed(page: Any, artifacts: Path) -> None:
    page.goto("/")
    page.locator('[data-facet="sector"] a[data-value="health"]').click()
    page.wait_for_url("**/?sector=health")
    shot(page, artifacts, "home-filtered-health")
    assert listed(page) == ["Horizon Santé"]
    page.locator('[data-facet="data"] a[data-value="national_id"]').click()
    assert listed(page) == ["Horizon Santé"]
    assert page.locator(".chip").count() == 2
    page.locator(".chip", has_text="Santé").click()
    assert page.locator(".chip").count() == 1
    page.locator("a.clear").click()
    assert len(listed(page)) == 4


def test_incident_card_links_each_field_to_its_highlighted_evidence(
    page: Any, served: Any, artifacts: Path
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Horizon Santé").first.click()
    page.wait_for_url(f"**/incidents/{served.incident_of('Horizon Santé')}")
    card = page.locator("article.card")
    assert "48\u202f000" in card.locator('[data-field="affected"]').inner_text()
    not_exposed = card.locator('[data-field="data_not"]')
    assert "Données financières" in not_exposed.inner_text()
    assert "Aucune donnée bancaire n'a été exposée" in not_exposed.locator("blockquote.quote").inner_text()
    not_exposed.locator("a.evlink").first.click()
    target = page.locator("mark.ev:target")
    assert target.inner_text() == "Aucune donnée bancaire n'a été exposée"
    assert target.is_visible()
    shot(page, artifacts, "incident-evidence")
    marked = page.locator("mark.ev").all_inner_texts()
    assert any("Akira" in m for m in marked)


def test_a_sentence_cited_by_several_fields_is_highlighted_for_each(page: Any, served: Any, artifacts: Path) -> None:
    page.goto(f"/incidents/{served.incident_of('Horizon Santé')}")
    sentence = "La mutuelle Horizon Santé a subi un rançongiciel."
    background = "getComputedStyle(document.querySelector('.sources mark.f-attack')).backgroundColor"
    assert page.evaluate(background) == "rgba(0, 0, 0, 0)"  # nothing highlighted until asked
    for field in ("victim", "attack"):
        page.locator(f'[data-field="{field}"] a.evlink').click()
        target = page.locator("mark.ev:target")
        assert target.inner_text() == sentence and target.get_attribute("class") == f"ev f-{field}"
    page.locator('[data-field="attack"] label.hl-label').click()
    shot(page, artifacts, "incident-highlight-attack")
    assert page.evaluate(background) == "rgb(255, 201, 201)"
    titles = page.locator(".sources mark.ev").evaluate_all("marks => marks.map(m => m.title)")
    assert "Attaque" in titles and "attack" not in titles


def test_an_incident_reads_as_a_paragraph_with_advice(page: Any, served: Any) -> None:
    page.goto(f"/incidents/{served.incident_of('Horizon Santé')}")
    summary = page.locator("p.summary").inner_text()
    assert summary.startswith("Horizon Santé (Santé) : rançongiciel survenu le 1er février 2024.")
    assert "48 000 personnes touchées (clients)" in summary
    assert page.locator("section.advice h2").inner_text() == "Que faire si vous êtes concerné ?"
    headline = page.locator("article.source h3 a")
    assert headline.inner_text() == "Horizon Santé visée par un rançongiciel"
    assert page.locator("article.source .outlet").inner_text() == "press.example"
    assert "copie d'agence" not in page.locator("article.source .meta").inner_text()


def test_conflicting_sources_are_shown_side_by_side(page: Any, served: Any, artifacts: Path) -> None:
    page.goto(f"/incidents/{served.incident_of('Orange')}")
    shot(page, artifacts, "incident-conflicts")
    table = page.locator("section.conflicts").inner_text()
    assert "1\u202f300\u202f000" in table and "1\u202f200\u202f000" in table
    assert page.locator("article.source").count() == 2


def test_hostile_article_is_shown_as_text_and_runs_nothing(page: Any, served: Any, artifacts: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/?sector=technology")
    shot(page, artifacts, "home-hostile")
    assert listed(page) == ['Evil<img src=x onerror="window.__pwned=1">Corp']
    page.locator("li.incident a.victim").first.click()
    page.wait_for_load_state()
    shot(page, artifacts, "incident-hostile")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned"
    assert page.dialogs == [] and errors == []
    assert "<script>window.__pwned = 1;" in page.locator("div.text").inner_text()
    assert page.locator("script").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.locator("span.url").inner_text() == "javascript:window.__pwned=1"


def test_statistics_are_drawn_without_javascript(browser: Any, served: Any, artifacts: Path) -> None:
    context = browser.new_context(base_url=served.url, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto("/stats")
    shot(page, artifacts, "stats")
    assert page.locator("svg.chart").count() == 4
    assert "Health: 1" in (page.locator("#by_sector desc").text_content() or "")
    context.close()


def test_interface_language_follows_the_browser_and_the_switch(browser: Any, served: Any) -> None:
    context = browser.new_context(base_url=served.url, locale="en-GB")
    page = context.new_page()
    page.goto("/")
    assert page.locator("h1").inner_text().startswith("Latest incidents")
    page.get_by_role("link", name="FR", exact=True).click()
    assert page.locator("h1").inner_text().startswith("Derniers incidents")
    context.close()


def test_search_in_english_finds_a_french_ransomware_article_and_shows_where(page: Any, artifacts: Path) -> None:
    page.goto("/lang/en?next=/")
    page.locator("input[name=q]").fill("ransomware")
    page.locator("form.search button").click()
    shot(page, artifacts, "search-ransomware")
    assert page.locator("h1").inner_text().startswith("Results for “ransomware”")
    assert [v.strip() for v in page.locator("li.incident a.victim").all_inner_texts()] == ["Horizon Santé"]
    assert page.locator("li.incident .snippet mark").inner_text() == "rançongiciel"
    assert "subi un rançongiciel. Les" in page.locator("li.incident .snippet").inner_text()


def test_api_docs_render_offline(browser: Any, served: Any, artifacts: Path) -> None:
    context = browser.new_context(base_url=served.url)
    page = context.new_page()
    outside: list[str] = []

    def only_ours(route: Any) -> None:
        if route.request.url.startswith(served.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    page.goto("/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    shot(page, artifacts, "docs-offline")
    assert page.locator(".opblock").count() >= 5
    assert "/api/incidents" in page.locator("#swagger-ui").inner_text()
    assert outside == []
    context.close()


def _boxes(page: Any, selector: str) -> list[dict[str, float]]:
    return page.locator(selector).evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())")


@pytest.mark.parametrize("width", [390, 1366])
def test_layout_on_a_phone_and_a_wide_screen(browser: Any, served: Any, artifacts: Path, width: int) -> None:
    context = browser.new_context(base_url=served.url, locale="fr-FR", viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto("/")
    shot(page, artifacts, f"home-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    (nav,) = _boxes(page, "header nav")
    assert nav["height"] < 40  # the menu holds on one line
    facets = page.locator("aside.facets")
    if width < 600:
        assert not facets.is_visible()  # the list comes first; the filters are one tap away
        page.locator("label.filters-toggle").click()
        assert facets.is_visible()
        shot(page, artifacts, f"home-{width}-filters")
    else:
        assert facets.is_visible() and not page.locator("label.filters-toggle").is_visible()
    page.goto("/stats")
    shot(page, artifacts, f"stats-{width}")
    main = _boxes(page, "main figure")[0]
    for chart in _boxes(page, "svg.chart"):
        assert chart["width"] >= main["width"] - 1  # every chart takes the full width
    years = sorted(_boxes(page, "svg.columns text.year"), key=lambda b: b["x"])
    assert len(years) >= 2
    assert all(a["x"] + a["width"] <= b["x"] for a, b in zip(years, years[1:], strict=False))
    context.close()
