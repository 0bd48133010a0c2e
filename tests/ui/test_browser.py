"""End to end in a real browser: headless Debian Chromium driven by Playwright against a live server.

A researcher's path: search 维稳经费, see both agencies' stability-maintenance projects, open one,
reach a cited regulation and its citing projects, run a named SPARQL query. Every test fails on
any browser console error and on any request that is not to the server itself (all are blocked).
Screenshots go to ``test-artifacts/ui/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, expect, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000

QUERY = "维稳经费"
# The stability-maintenance (维稳) projects of two agencies in the sample corpus.
STABILITY_PROJECTS = {
    "Z维稳工作经费-1": "大同市信访局",
    "Z维稳工作经费-2": "大同市信访局",
    "QT维稳工作经费-3": "大同市信访局",
    "信访劝返维稳经费": "曾都区信访局",
}
OPENED_PROJECT = "Z维稳工作经费-1"
OPENED_AGENCY = "大同市信访局"
# A project of that agency citing the 信访工作条例 in its legal basis, and another citing it too.
CITING_PROJECT = "Z律师服务费"
REGULATION = "信访工作条例"
OTHER_CITING_PROJECT = "J网络维护费"
NAMED_QUERY = "regulations_ranked"


@dataclass
class Watch:
    """What the browser did that a clean page must not: console errors, requests elsewhere."""

    base: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} @ {message.location.get('url')}")

    def on_route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.base + "/") or url == self.base:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def assert_clean(self) -> None:
        assert self.errors == [], f"browser console errors: {self.errors}"
        assert self.outside == [], f"requests to somewhere other than the server: {self.outside}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = (
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(`apt-get install chromium`; `make test` installs it where it can)"
        )
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watched(browser: Browser, live_server: str) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", service_workers="block"
    )
    context.set_default_timeout(TIMEOUT_MS)
    watch = Watch(live_server)
    context.route("**/*", watch.on_route)
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", lambda exc: watch.errors.append(f"uncaught: {exc}"))
    try:
        yield page, watch
    finally:
        context.close()


def shot(page: Page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def hit_titles(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("ol.results a.hit-link").all_inner_texts()]


def test_search_to_regulation_journey(watched: tuple[Page, Watch], live_server: str, artifacts: Path) -> None:
    page, watch = watched
    page.goto(live_server + "/")
    page.get_by_role("searchbox").fill(QUERY)
    page.get_by_role("searchbox").press("Enter")
    expect(page.locator("ol.results li.result").first).to_be_visible()
    assert parse_qs(urlsplit(page.url).query)["q"] == [QUERY]  # the results page has its own URL
    shot(page, artifacts, "01-search")
    expect(page.locator("mark").first).to_be_visible()  # highlighted matches

    # Narrow to projects with the type facet: both agencies' stability projects are there.
    page.locator('aside.facets ul[data-facet="type"] a', has_text="project").click()
    expect(page.locator("ol.results li.result").first).to_be_visible()
    shot(page, artifacts, "02-search-projects")
    titles = hit_titles(page)
    for project in STABILITY_PROJECTS:
        assert project in titles, f"{project} missing from {titles}"
    metas = " ".join(page.locator("ol.results .meta").all_inner_texts())
    assert {"大同市信访局", "曾都区信访局"} <= {a for a in STABILITY_PROJECTS.values() if a in metas}
    expect(page.locator("#amounts-chart rect.bar").first).to_be_visible()  # amounts of the result set

    # Open a stability project: amounts, KPI table with parsed targets, quoted source lines.
    page.locator("ol.results a.hit-link", has_text=OPENED_PROJECT).click()
    expect(page.locator("h1")).to_have_text(OPENED_PROJECT)
    expect(page.locator("#amount-wan")).to_have_text("58.20")
    expect(page.locator("table.kpis tr").nth(1)).to_be_visible()
    assert "≥98%" in page.locator("table.kpis").inner_text()
    expect(page.locator("pre.lines .in-span", has_text=OPENED_PROJECT).first).to_be_visible()
    shot(page, artifacts, "03-project")

    # Its agency, then a project of the agency that cites a regulation, then the regulation.
    page.locator("dl.facts a", has_text=OPENED_AGENCY).click()
    expect(page.locator("h1")).to_have_text(OPENED_AGENCY)
    expect(page.locator("#projects-chart rect.bar").first).to_be_visible()
    shot(page, artifacts, "04-agency")
    page.locator("table.projects a", has_text=CITING_PROJECT).first.click()
    expect(page.locator("h1")).to_have_text(CITING_PROJECT)
    page.locator("table.citations a.regulation-link", has_text=REGULATION).first.click()
    expect(page.locator("h1")).to_contain_text(REGULATION)
    citing = page.locator("a.citing-project").all_inner_texts()
    assert CITING_PROJECT in citing and OTHER_CITING_PROJECT in citing, citing
    shot(page, artifacts, "05-regulation")
    watch.assert_clean()


def test_source_link_opens_the_whole_document(
    watched: tuple[Page, Watch], live_server: str, artifacts: Path
) -> None:
    page, watch = watched
    page.goto(live_server + "/?" + "q=" + QUERY + "&type=project")
    page.locator("ol.results a.hit-link", has_text=OPENED_PROJECT).click()
    page.locator("#source-full").click()
    lines = page.locator(".whole-source pre.lines .line")
    assert lines.count() > 1000  # the whole disclosure, not the quoted span
    expect(page.locator(".whole-source .line:target")).to_be_visible()  # the quoted span's first line
    assert OPENED_PROJECT in page.locator(".whole-source").inner_text()
    shot(page, artifacts, "06-source")
    watch.assert_clean()


def test_relations_graph_node_opens_its_page(
    watched: tuple[Page, Watch], live_server: str, artifacts: Path
) -> None:
    page, watch = watched
    page.goto(live_server + "/?" + "q=" + CITING_PROJECT + "&type=project")
    page.locator("ol.results a.hit-link", has_text=CITING_PROJECT).first.click()
    page.wait_for_function("window.budgetkgRelations && window.budgetkgRelations.nodes().length > 1")
    page.locator("#relations").screenshot(path=str(artifacts / "07-relations.png"))
    kinds = page.evaluate("window.budgetkgRelations.nodes().map(n => n.data('kind'))")
    assert {"agency", "project", "regulation"} <= set(kinds)
    # Click the regulation node where it is drawn: the browser goes to the regulation's page.
    box = page.locator("#relations").bounding_box()
    assert box is not None
    position = page.evaluate(
        "label => { const n = window.budgetkgRelations.nodes().filter(n => n.data('full') === label)[0];"
        " return n.renderedPosition(); }",
        REGULATION,
    )
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    expect(page.locator("h1")).to_contain_text(REGULATION)
    watch.assert_clean()


def test_named_sparql_query_shows_rows(
    watched: tuple[Page, Watch], live_server: str, artifacts: Path
) -> None:
    page, watch = watched
    page.goto(live_server + "/ui/sparql")
    names = page.locator("#named-query option").evaluate_all("options => options.map(o => o.value)")
    assert NAMED_QUERY in names, names
    page.select_option("#named-query", NAMED_QUERY)
    expect(page.locator(".CodeMirror-code")).to_contain_text("SELECT")
    page.locator("#run-query").click()
    rows = page.locator("#yasgui .yasr table tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 3
    assert REGULATION in page.locator("#yasgui .yasr table").inner_text()
    shot(page, artifacts, "08-sparql")
    with page.expect_download() as download:
        page.locator("#download-csv").click()
    csv_path = artifacts / f"{NAMED_QUERY}.csv"
    download.value.save_as(csv_path)
    assert REGULATION in csv_path.read_text(encoding="utf-8")
    watch.assert_clean()
