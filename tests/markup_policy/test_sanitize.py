"""Article bodies and summaries keep news markup only; every page carries the Content-Security-Policy."""

import html
import re

from support import build, dangerous_markup, write_article

HOSTILE_BODY = """Texto com <script>window.pwned = 1</script> e <img src="https://example.invalid/x.png" onerror="window.pwned = 2">.

[Clique](javascript:window.pwned=3) ou <a href="JaVaScRiPt:window.pwned=4">aqui</a> ou
<a href="data:text/html,<script>1</script>">dados</a>.

<iframe src="https://example.org/"></iframe><object data="x.swf"></object>
<div onclick="window.pwned = 5" style="position:fixed">camada</div>
<svg><script>window.pwned = 6</script></svg>
"""

NEWS_MARKUP = """## Intertítulo

Um parágrafo com *ênfase*, **destaque** e um [link](https://example.org/materia) e [outro](/pt/).

> Uma citação de fonte.

- item um
- item dois

<figure><img src="/fotos/ponte.jpg" alt="Ponte ao entardecer" width="800" height="450"><figcaption>A ponte.</figcaption></figure>

Uma imagem de fora: <img src="https://tracker.example/pixel.gif" alt="pixel">

| Ano | Valor |
| --- | ----- |
| 2024 | 10 |
"""

def test_script_event_handlers_and_javascript_urls_never_reach_a_page_or_feed(content_dir, build_site):
    write_article(content_dir, "pt", "hostil", title="Hostil <script>window.pwned=7</script>",
                  summary='Lide <img src=x onerror="window.pwned=8"> <script>window.pwned=9</script>',
                  body=HOSTILE_BODY)
    site = build_site(content_dir, FEED_FULL_TEXT=True)
    pages = [p for p in site.output.rglob("*") if p.suffix in (".html", ".xml")]
    assert len(pages) > 10
    for page in pages:
        assert dangerous_markup(page) == [], page
    body = site.html("/pt/2025/01/hostil/").select_one(".story__body")
    assert "camada" in body.get_text() and "aqui" in body.get_text()  # the text stays, the markup goes
    assert body.find("div", attrs={"style": True}) is None
    assert "Lide" in (site.output / "pt/feeds/atom.xml").read_text("utf-8")


def test_news_markup_survives(content_dir, build_site):
    write_article(content_dir, "pt", "noticia", title="Notícia", body=NEWS_MARKUP)
    (content_dir / "fotos").mkdir()
    (content_dir / "fotos/ponte.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    body = build_site(content_dir, STATIC_PATHS=["fotos"]).html("/pt/2025/01/noticia/").select_one(".story__body")
    assert body.h2.get_text() == "Intertítulo"
    assert body.em.get_text() == "ênfase" and body.strong.get_text() == "destaque"
    assert [a["href"] for a in body.find_all("a")] == ["https://example.org/materia", "/pt/"]
    assert body.blockquote.get_text(strip=True) == "Uma citação de fonte."
    assert [li.get_text() for li in body.select("ul li")] == ["item um", "item dois"]
    image = body.select_one("figure img")
    assert (image["src"], image["alt"], image["width"], image["height"]) == ("/fotos/ponte.jpg", "Ponte ao entardecer", "800", "450")
    # The CSP loads images from the site only, and a remote one would tell its host who reads the story.
    assert [img.get("src") for img in body.find_all("img")] == ["/fotos/ponte.jpg", None]
    assert body.figcaption.get_text() == "A ponte."
    assert [td.get_text() for td in body.select("table td")] == ["2024", "10"]


def test_sanitizing_can_be_switched_off_for_trusted_markup(content_dir, build_site):
    write_article(content_dir, "pt", "confiavel", title="Confiável",
                  body='<p class="embed" data-id="7">widget</p>')
    sanitized = build_site(content_dir).html("/pt/2025/01/confiavel/").select_one(".story__body p")
    trusted = build_site(content_dir, SANITIZE_ARTICLE_HTML=False).html("/pt/2025/01/confiavel/").select_one(
        ".story__body p")
    assert sanitized.attrs == {}
    assert trusted.attrs == {"class": ["embed"], "data-id": "7"}


def test_every_page_carries_the_policy_first_in_its_head(sample_site):
    pages = list(sample_site.output.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        head = page.read_text("utf-8").split("<head>", 1)[1]
        first = re.findall(r"<(meta|link|script|style|title)\b[^>]*>", head)
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert policy, page
        assert first[:2] == ["meta", "meta"], page  # charset, then the policy, before anything it governs
        rules = dict(rule.strip().split(" ", 1) for rule in html.unescape(policy.group(1)).split(";"))
        assert rules["script-src"] == "'self'" and rules["object-src"] == "'none'"
        assert rules["base-uri"] == "'self'" and rules["form-action"] == "'self'"
        assert "unsafe-inline" not in policy.group(1)


def test_a_rebuild_cleans_only_the_texts_that_changed_and_keeps_the_cleaned_bytes(tmp_path, monkeypatch):
    """The cleaning of an unchanged body or summary is the last build's (plugins/incremental's
    memo): never skipped for a changed text, and a hostile body stays cleaned when it is not redone."""
    import markup_policy

    cleaned = []
    real_clean = markup_policy.clean_html
    monkeypatch.setattr(markup_policy, "clean_html", lambda markup: cleaned.append(markup) or real_clean(markup))
    content = tmp_path / "content"
    write_article(content, "pt", "hostil", title="Hostil", summary="Lide <script>window.pwned=9</script>",
                  body=HOSTILE_BODY)
    for n in range(3):
        write_article(content, "pt", f"calma-{n}", title=f"Calma {n}", body=f"Um texto *calmo* número {n}.")

    build(content, tmp_path / "live")
    assert len(cleaned) == 5  # four bodies and the one Summary given
    cleaned.clear()
    build(content, tmp_path / "live")
    assert cleaned == []
    write_article(content, "pt", "calma-1", title="Calma 1", body="Um texto *calmo* corrigido.")
    build(content, tmp_path / "live")
    assert len(cleaned) == 1 and "corrigido" in cleaned[0]

    full = build(content, tmp_path / "full", INCREMENTAL_BUILDS=False)
    for page in ("pt/hostil", "pt/calma-1"):
        (incremental,) = (tmp_path / "live").glob(f"pt/*/*/{page.split('/')[1]}/index.html")
        (expected,) = full.output.glob(f"pt/*/*/{page.split('/')[1]}/index.html")
        assert incremental.read_bytes() == expected.read_bytes()
        assert "pwned" not in incremental.read_text("utf-8")
