"""Every public page type, in the three languages, has no violation of the WCAG 2.2 A and AA
rules axe-core checks (tests/vendor/axe-core, injected by Playwright)."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PREFIX = {"en": "", "sr-latn": "/sr-latn", "sr": "/sr"}


def _addresses(site, language):
    """One address of each public page type, in ``language``."""
    prefix = PREFIX[language]

    def url(page):
        return site.in_language(page, language).url

    directory = url(site.directory)
    return {
        "home": f"{prefix}/",
        "news index": url(site.news),
        "article": url(site.article),
        "event index": url(site.events),
        "event page": url(site.event),
        "registration form": url(site.event) + "register/",
        "directory": directory,
        "organisation profile": f"{directory}{site.organisation.slug}/",
        "search results": f"{prefix}/search/?q=klaster",
        "newsletter subscribe": f"{prefix}/newsletter/",
        "sign-in": f"{prefix}/accounts/login/",
        "sign-up": f"{prefix}/accounts/signup/",
        "standard page": url(site.about),
        "404": f"{prefix}/no-such-page/",
    }


def _violations(page) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the page (it must have checked something)."""
    # The site's Content-Security-Policy forbids injected scripts; the browser context lets
    # the test's own one (axe-core) in.
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return {
                passed: results.passes.length,
                violations: results.violations.map((v) => ({
                    rule: v.id,
                    impact: v.impact,
                    help: v.help,
                    targets: v.nodes.map((n) => n.target.join(" ")),
                })),
            };
        }""",
        WCAG_22_AA,
    )
    assert results["passed"] > 0, f"axe-core checked nothing on {page.url}"
    return results["violations"]


def test_the_check_sees_a_violation(browser, journey_site):
    """The check itself: an image without a text alternative is reported."""
    context = browser.new_context(base_url=journey_site.url, bypass_csp=True)
    page = context.new_page()
    page.goto("/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in {violation["rule"] for violation in _violations(page)}
    context.close()


@pytest.mark.parametrize("language", ["en", "sr-latn", "sr"])
def test_every_public_page_type_meets_wcag_22_aa(browser, journey_site, language):
    context = browser.new_context(base_url=journey_site.url, bypass_csp=True)
    page = context.new_page()
    found = []
    for kind, address in _addresses(journey_site, language).items():
        response = page.goto(address)
        assert response.status == (404 if kind == "404" else 200), address
        # Scripts have drawn what they draw (the maps fetch their markers) before the check.
        page.wait_for_load_state("networkidle")
        if kind == "directory":
            page.locator(".leaflet-marker-icon").first.wait_for()
        for violation in _violations(page):
            found.append((kind, address, violation))
    context.close()

    report = "\n".join(
        f"{kind} {address}: {v['rule']} ({v['impact']}) {v['help']}\n    "
        + "\n    ".join(v["targets"])
        for kind, address, v in found
    )
    print(report)
    assert found == [], f"{len(found)} WCAG 2.2 A/AA violation(s):\n{report}"
