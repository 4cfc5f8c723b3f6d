"""The quality gates of tests/quality on the author pages and bylines: W3C Nu checker, axe-core in
Chromium, internal links and anchors."""

import pytest

from support import axe_session, axe_violations, nu_errors
from validation.output_checks import broken_links


PAGES = [
    "/pt/autor/ana-lima/", "/pt/autor/ana-lima/page/2/", "/id/penulis/ana-lima/",
    "/pt/autor/carla-dias/",  # switcher fallback
    "/pt/2025/02/dupla/", "/id/2025/02/duet/",  # bylines with two authors
    "/pt/2025/01/sem-autor/",  # the newsroom credited
]


def test_nu_html_checker_reports_no_error_on_author_pages_and_bylines(newsroom):
    author_pages = sorted(newsroom.output.glob("*/autor/**/*.html")) + sorted(newsroom.output.glob("*/penulis/**/*.html"))
    assert len(author_pages) == 3 + 1 + 1 + 1 + 1  # pt: Ana (3 pages), Budi, Carla; id: Ana, Budi
    errors = nu_errors(newsroom.output)
    assert errors == [], "\n".join(errors[:20])


def test_no_broken_link_or_anchor_from_any_page(newsroom):
    assert broken_links(newsroom.output, sorted(newsroom.output.rglob("*.html")), "") == []


@pytest.fixture(scope="module")
def axe_page(browser, newsroom, serve):
    yield from axe_session(browser, serve, newsroom.output)


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_or_critical_violation(axe_page, path):
    base, page = axe_page
    page.goto(base + path)
    assert axe_violations(page) == []


def test_the_sample_content_has_author_pages_for_the_gates_of_tests_quality(sample_site):
    # tests/quality checks every page of a copy of content/ with the Nu checker and the link check:
    # the seed story's authors give it author pages in both editions.
    assert sample_site.exists("/pt/autor/beatriz-calado/") and sample_site.exists("/id/penulis/beatriz-calado/")
    assert sample_site.exists("/pt/autor/rahmat-sulistyo/") and sample_site.exists("/id/penulis/rahmat-sulistyo/")
