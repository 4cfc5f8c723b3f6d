"""Quality gates on a built site with every page kind: W3C Nu checker, axe-core, internal links."""

import shutil

import pytest

from support import ROOT, axe_session, axe_violations, build, nu_errors, write_article
from validation.output_checks import broken_links



@pytest.fixture(scope="module")
def full_site(tmp_path_factory):
    """The sample story plus enough to produce every page kind: pagination, untranslated articles
    (switcher fallbacks), hidden articles, tags with and without counterparts."""
    root = tmp_path_factory.mktemp("gates")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    for n in range(5):
        write_article(content, "pt", f"nota-{n}", title=f"Nota número {n}", date=f"2024-0{n + 1}-10 09:00",
                      category="Economia", tags="Orçamento, Brasil", summary=f"Resumo da nota {n}.",
                      body=f"Texto da nota {n}, com um [link interno]({{filename}}/pt/nota-0.md) e *ênfase*.")
    write_article(content, "id", "catatan", title="Catatan tanpa terjemahan", category="Ekonomi", tags="Anggaran")
    write_article(content, "pt", "oculta", title="Página oculta", extra="\nStatus: hidden")
    return build(content, root / "output", DEFAULT_PAGINATION=2).output


def html_pages(output):
    return sorted(output.rglob("*.html"))


def test_nu_html_checker_reports_no_error_on_any_page(full_site):
    pages = html_pages(full_site)
    assert len(pages) > 40
    errors = nu_errors(full_site)
    assert errors == [], "\n".join(errors[:20])


def test_no_broken_internal_link_or_anchor(full_site):
    assert broken_links(full_site, html_pages(full_site), "") == []


PAGES = [
    "/pt/", "/id/", "/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/",
    "/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/", "/pt/categoria/economia/", "/id/kategori/ekonomi/",
    "/pt/busca/?q=nota", "/id/cari/?q=grok", "/pt/arquivo/", "/id/arsip/2025/03/", "/", "/pt/404.html",
    # a corrected story, the corrections page, a static page
    "/pt/2025/02/cooperativa-de-pescadores-abre-mercado-proprio/", "/pt/correcoes/", "/id/tentang/",
]


@pytest.fixture(scope="module")
def axe_page(browser, full_site, serve):
    yield from axe_session(browser, serve, full_site)


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_or_critical_violation(axe_page, path):
    base, page = axe_page
    page.goto(base + path)
    if "?q=" in path:
        page.wait_for_selector(".search-result")
    assert axe_violations(page) == []
