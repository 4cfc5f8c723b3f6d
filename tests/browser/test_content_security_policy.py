"""In a real browser, the page's own CSP <meta> stops an inline script that reached an article body.

The site is served WITHOUT any CSP header here (as GitHub Pages serves it), and built with
SANITIZE_ARTICLE_HTML off, so only the <meta> policy stands between the script and the reader.
"""

import re

from support import write_article

INJECTED = '<p>Texto.</p>\n\n<script>document.documentElement.dataset.pwned = "inline";</script>\n\n' \
           '<img src="https://example.invalid/nada.png" onerror="document.documentElement.dataset.pwned = \'handler\'">\n'


def pwned(browser, url: str) -> str | None:
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)  # let a (blocked or not) error handler fire
        return page.evaluate("document.documentElement.dataset.pwned || null")
    finally:
        page.close()


def test_an_inline_script_in_an_article_does_not_run_even_with_sanitizing_off(
        content_dir, build_site, browser, serve):
    write_article(content_dir, "pt", "injetado", title="Injetado", body=INJECTED)
    site = build_site(content_dir, SANITIZE_ARTICLE_HTML=False)
    article = site.output / "pt/2025/01/injetado/index.html"
    html = article.read_text("utf-8")
    assert "<script>document.documentElement.dataset.pwned" in html  # it did reach the page
    # The same page without its <meta> policy: the script runs (the test can tell).
    unprotected = site.output / "pt/2025/01/sem-politica/index.html"
    unprotected.parent.mkdir()
    unprotected.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html), "utf-8")
    base = serve(site.output, csp=False)
    assert pwned(browser, f"{base}/pt/2025/01/sem-politica/") is not None
    assert pwned(browser, f"{base}/pt/2025/01/injetado/") is None
