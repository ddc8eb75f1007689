"""Browser tests: Playwright's Python package driving Debian's Chromium against the live
test server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (factories, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KRING_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
# axe-core from the npm registry, pinned in package-lock.json; `make test` installs it.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'make test', which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    known = set(browser.contexts)
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    # Close every context the test opened (a second person's browser too), so that no
    # keep-alive connection outlives the test and ends a live-server thread after its
    # database connection has gone.
    for opened in [c for c in browser.contexts if c not in known]:
        opened.close()


@pytest.fixture
def shot():
    """Save a screenshot under test-artifacts/ to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


def axe_violations(page) -> list[str]:
    """Run axe-core on the page as it stands and return every WCAG 2.1 A/AA violation as
    one readable line (rule, what it means, where)."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run 'make test', which installs it.")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: Kring's Content-Security-Policy (rightly)
        # refuses an injected <script>.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            }));
        }""",
        WCAG_21_AA,
    )
    return [f"{page.url}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}" for v in result]


@pytest.fixture
def accessible():
    """``accessible(page)`` fails the test when the page has WCAG 2.1 A/AA violations."""

    def check(page) -> None:
        found = axe_violations(page)
        assert not found, "\n".join(found)

    return check
