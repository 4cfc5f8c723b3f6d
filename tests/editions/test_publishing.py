"""What a deployment needs: 404 pages, robots.txt, NewsArticle data, fingerprinted assets, absolute URLs."""

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from support import ROOT, build

PT_ARTICLE = "/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/"
ID_ARTICLE = "/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/"
SITE = "https://news.example.org"


def test_each_language_has_a_404_page_and_the_site_one_speaks_all(sample_site):
    pt = sample_site.html("/pt/404.html")
    assert pt.html["lang"] == "pt" and pt.select_one("h1").get_text(strip=True) == "Página não encontrada"
    assert pt.select_one('meta[name=robots]')["content"] == "noindex"
    assert pt.select_one("main a[href='/pt/busca/']")
    root = sample_site.html("/404.html")
    headings = {li["lang"]: li.select_one("h2").get_text(strip=True) for li in root.select(".edition-choice")}
    assert headings == {"pt": "Página não encontrada", "id": "Halaman tidak ditemukan"}
    sitemap = (sample_site.output / "sitemap.xml").read_text()
    assert "404" not in sitemap


def test_article_pages_carry_news_article_structured_data(sample_site):
    page = sample_site.html(PT_ARTICLE)
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == page.select_one("h1").get_text(strip=True)
    assert data["datePublished"] == "2025-01-03T00:00:00-03:00" and data["inLanguage"] == "pt"  # midnight in São Paulo
    assert data["author"][0] == {"@type": "Person", "name": "Beatriz Calado", "url": "/pt/autor/beatriz-calado/"}
    assert data["publisher"]["name"] == "Diário Nusantara"
    assert data["workTranslation"] == [{"@type": "NewsArticle", "@id": ID_ARTICLE, "inLanguage": "id"}]
    assert "<" not in data["description"] and data["description"].startswith("O modelo de IA")


def test_static_assets_are_fingerprinted_and_every_reference_follows(sample_site):
    theme = sample_site.output / "theme"
    assets = [p for p in theme.rglob("*") if p.is_file()]
    assert assets and all(re.search(r"\.[0-9a-f]{10}\.(css|js|svg)$", p.name) for p in assets), assets
    page = (sample_site.output / "pt/busca/index.html").read_text()
    for reference in re.findall(r'(?:href|src)="(/theme/[^"]+)"', page):
        assert (sample_site.output / reference.lstrip("/")).is_file(), reference
    vendor = re.search(r'data-vendor="/(search/vendor\.[0-9a-f]{10}/)"', page).group(1)
    # The Snowball stemmers the engine imports for each edition's analyzer (lunr.js is not shipped:
    # engine.js scores the partitions itself).
    assert sorted(p.name for p in (sample_site.output / vendor / "stemmers").iterdir()) == [
        "indonesian.js", "portuguese.js"]
    (ui,) = theme.glob("js/search/ui.*.js")
    for module in re.findall(r'from "\./([^"]+)"', ui.read_text()):
        assert (ui.parent / module).is_file(), module


def test_a_changed_asset_gets_a_new_name(tmp_path, sample_site):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    with (theme / "static/css/site.css").open("a") as css:
        css.write("\n.changed { color: inherit; }\n")
    site = build(ROOT / "content", tmp_path / "output", THEME=str(theme))
    old = {p.name for p in (sample_site.output / "theme").rglob("*.*")}
    new = {p.name for p in (site.output / "theme").rglob("*.*")}
    assert [n for n in new - old if n.startswith("site.")] and (old - new) == {n for n in old if n.startswith("site.")}


def test_publish_settings_make_every_url_absolute(tmp_path):
    output = tmp_path / "output"
    subprocess.run([sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", "publishconf.py", "-q"],
                   cwd=ROOT, check=True, env={"SITEURL": SITE, "PATH": "/usr/bin:/bin"})
    page = (output / PT_ARTICLE.lstrip("/") / "index.html").read_text()
    assert f'<link rel="canonical" href="{SITE}{PT_ARTICLE}">' in page
    assert f'hreflang="id" href="{SITE}{ID_ARTICLE}"' in page
    root_relative = re.findall(r'(?:href|src)="(/[^"]*)"', page)
    assert root_relative == [], root_relative
    assert (output / "robots.txt").read_text().endswith(f"Sitemap: {SITE}/sitemap.xml\n")
    locs = [loc.text for loc in ET.parse(output / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith(SITE + "/") for loc in locs)
    feed = (output / "pt/feeds/atom.xml").read_text()
    assert f'href="{SITE}{PT_ARTICLE}"' in feed and "tag:news.example.org,2025-01-03:pt/" in feed
