"""The editors' page of development builds: the status table, escaped, noindex, linked nowhere
public; not written with publishconf.py's settings."""

from __future__ import annotations

import os
import pickle

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from incremental.state import state_folder
from status_support import ago, newsroom, story
from support import ROOT, Site, build, dangerous_markup
from validation.output_checks import broken_links

PAGE = "/_editors/translations.html"
HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> "quoted" & more'


@pytest.fixture(scope="module")
def newsroom_content(tmp_path_factory):
    content = tmp_path_factory.mktemp("editors") / "content"
    story(content, "pt", "so-aqui", title=HOSTILE, date=ago(days=3))
    story(content, "pt", "original", key="k", title="Chuva forte", body="Choveu.")
    translation = story(content, "id", "terjemahan", key="k", title="Hujan deras", body="Hujan.")
    assert newsroom("translated", translation, "--content", content).code == 0
    story(content, "pt", "original", key="k", title="Chuva forte", body="Choveu mais.")  # now stale
    # (a draft needs a Category: without one Pelican fails writing drafts, plugins or not)
    story(content, "id", "rancangan", key="r", extra="\nStatus: draft\nCategory: Kota")
    story(content, "pt", "publicada", key="r")
    return content


@pytest.fixture(scope="module")
def dev_site(newsroom_content, tmp_path_factory) -> Site:
    return build(newsroom_content, tmp_path_factory.mktemp("editors-dev"))


def rows(page) -> dict[str, list[str]]:
    return {row.th.get_text(strip=True): [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            for row in page.select("tbody tr")}


def test_the_page_is_the_status_table(dev_site, newsroom_content):
    page = dev_site.html(PAGE)
    assert [th.get_text(strip=True) for th in page.select("thead th")] == ["Story", "pt", "id", "Flags"]
    found = rows(page)
    assert set(found) == {"k", "r", "pt/so-aqui.md"}
    assert found["k"][0].startswith("original Chuva forte") and found["k"][1].startswith("stale Hujan deras")
    assert found["k"][2] == "stale"
    assert found["pt/so-aqui.md"][1:] == ["none", "missing"]
    assert found["r"][1].startswith("unrecorded (draft)")
    notes = [li.get_text(" ", strip=True) for li in page.select("main > ul li")]
    assert any(n.startswith("stale : id/terjemahan.md : translated from pt@") for n in notes), notes
    # a published version links to its page; a draft has none to link to
    links = {a.get_text(strip=True): a["href"] for a in page.select("td a")}
    assert links["Hujan deras"] == "/id/2025/01/terjemahan/" and "Rancangan" not in links


def test_the_page_escapes_what_content_holds_and_asks_not_to_be_indexed(dev_site):
    path = dev_site.output / PAGE.lstrip("/")
    assert dangerous_markup(path) == []
    page = dev_site.html(PAGE)
    assert HOSTILE in page.get_text()
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    csp = read_settings(str(ROOT / "pelicanconf.py"))["CONTENT_SECURITY_POLICY"]
    assert page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"] == csp
    assert broken_links(dev_site.output, [path], "") == []  # its stylesheet and story links exist


def test_the_page_is_in_no_sitemap_feed_or_search_index(dev_site):
    assert dev_site.exists(PAGE)
    public = [p for p in dev_site.output.rglob("*") if p.is_file() and p.suffix in (".xml", ".json", ".txt")]
    assert any(p.name == "sitemap.xml" for p in public) and any(p.parent.name == "display" for p in public)
    assert [str(p) for p in public if "_editors" in p.read_text("utf-8")] == []
    assert [str(p) for p in dev_site.output.rglob("*.html")
            if "/_editors/" not in str(p) and "_editors" in p.read_text("utf-8")] == []


def test_a_publish_build_writes_no_editors_page(newsroom_content, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))  # publishconf.py imports pelicanconf, as `make publish` runs it
    settings = read_settings(str(ROOT / "publishconf.py"),
                             override={"PATH": str(newsroom_content), "OUTPUT_PATH": str(tmp_path / "out")})
    assert settings["EDITORS_PAGES"] is False and settings["PLUGINS"] == read_settings(
        str(ROOT / "pelicanconf.py"))["PLUGINS"]
    Pelican(settings).run()
    site = Site(tmp_path / "out")
    assert site.exists("/pt/2025/01/original/")
    assert not (tmp_path / "out" / "_editors").exists()


def test_a_bad_record_is_listed_on_the_page_and_does_not_stop_the_build(tmp_path, caplog):
    content = tmp_path / "content"
    story(content, "pt", "original", key="k")
    story(content, "id", "terjemahan", key="k", record="pt:not-a-hash")
    site = build(content, tmp_path / "out")
    problems = [li.get_text(" ", strip=True) for li in site.html(PAGE).select("main > ul li")]
    assert problems == ["id/terjemahan.md : Translation_Of: 'pt:not-a-hash' is not LANG@HASH (e.g. pt@1a2b3c4d5e6f); "
                        "run `newsroom translated` on this file to record it again"]
    assert any("id/terjemahan.md: Translation_Of: 'pt:not-a-hash' is not LANG@HASH" in r.getMessage()
               for r in caplog.records if r.levelname == "WARNING")


def test_the_page_is_keyed_by_what_it_shows_not_by_the_clock(tmp_path):
    # plugins/incremental keeps a page whose key is unchanged without rendering it: the report's
    # moment is not among the page's values, only what it decides (flags, ages in hours or days)
    content = tmp_path / "content"
    story(content, "pt", "original", key="k", title="Chuva forte", body="Choveu.")
    translation = story(content, "id", "terjemahan", key="k", title="Hujan deras", body="Hujan.")
    assert newsroom("translated", translation, "--content", content).code == 0
    output = tmp_path / "out"
    state = state_folder({"OUTPUT_PATH": str(output), "INCREMENTAL_CACHE_PATH": os.environ["NEWSROOM_BUILD_CACHE"]})

    def page_key() -> str:
        build(content, output)
        return pickle.loads((state / "pages.pickle").read_bytes())["pages"][PAGE.lstrip("/")][0]

    first = page_key()
    assert page_key() == first
    story(content, "pt", "outra", title="Outra")
    assert page_key() != first
