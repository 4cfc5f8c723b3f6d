"""The output checks find what they found before they were made cheap at archive size: in a full
build, and in an incremental one that keeps most pages as the live files they already are."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.settings import read_settings

from atomic_output.publication import Publication
from atomic_output.seen_before import SeenBefore
from editions.languages import editions_from_settings
from markup_policy.policy import XML_FORBIDDEN
from support import ROOT, build, write_article
from validation.content_checks import link_values, may_hold_forbidden
from validation.output_checks import (ReadBefore, SiteFiles, listed_urls, listing_links, missing_everywhere,
                                      page_written, read_sitemap, sitemap_entries)
from validation.problems import BuildFailed

TEST_PLUGINS = Path(__file__).resolve().parent / "plugins"
ARTICLE = "id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/"


def sample_article():
    return SimpleNamespace(lang="id", url=ARTICLE, date=datetime(2025, 1, 3),
                           source_path=str(ROOT / "content/id/grok-3-dari-xai-meleset-dari-target-2024.md"))


def test_sitemap_entries_are_read_decoded_with_their_photos():
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
        '  <url>\n    <loc>https://x.example/pt/not%C3%ADcia/?a=1&amp;b=2</loc>\n'
        '    <image:image><image:loc>https://x.example/images/a.jpg</image:loc></image:image>\n  </url>\n'
        '  <url>\n    <loc>https://x.example/id/</loc>\n  </url>\n'
        '</urlset>\n')
    assert sitemap_entries(sitemap.encode()) == {
        "https://x.example/pt/notícia/?a=1&b=2": {"https://x.example/images/a.jpg"},
        "https://x.example/id/": set(),
    }


@pytest.mark.parametrize("broken", [
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a?x&y</loc></url></urlset>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><image:loc>/a.jpg</image:loc></url></urlset>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a</loc></url>',
])
def test_a_sitemap_that_is_not_well_formed_xml_is_one_problem(sample_site, tmp_path, broken):
    copy = tmp_path / "copy"
    shutil.copytree(sample_site.output, copy)
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    (copy / "sitemap.xml").write_text(broken)
    problems = missing_everywhere(SiteFiles(copy), [sample_article()], [], editions_from_settings(settings), settings)
    assert [(p.source, p.field) for p in problems] == [("sitemap.xml", "XML")]
    assert "not well-formed" in problems[0].message
    (copy / "sitemap.xml").unlink()
    problems = missing_everywhere(SiteFiles(copy), [sample_article()], [], editions_from_settings(settings), settings)
    assert [str(p) for p in problems] == ["sitemap.xml: file: was not written"]


def test_a_listing_is_read_page_after_page_and_only_whole_href_attributes_count(tmp_path):
    (tmp_path / "pt/page/2").mkdir(parents=True)
    (tmp_path / "pt/index.html").write_text(
        '<a href="/pt/a/">A</a> <a data-href="/pt/b/">B</a> <a xhref="/pt/c/">C</a> <a rel="next" href="/pt/page/2/">2</a>')
    (tmp_path / "pt/page/2/index.html").write_text('<a href="/pt/not%C3%ADcia/?x=1&amp;y=2">D</a>')
    assert listed_urls(SiteFiles(tmp_path), "/pt/", "") == {
        "/pt/a/", "/pt/b/", "/pt/page/2/", "/pt/notícia/?x=1&y=2"}
    (tmp_path / "pt/page/2/index.html").unlink()  # a missing page lists nothing, rather than failing
    assert listed_urls(SiteFiles(tmp_path), "/pt/", "") == {"/pt/a/", "/pt/b/", "/pt/page/2/"}


@pytest.mark.parametrize("html", [
    '<a href="/a">x</a><img src=\'/b.jpg\'><a data-src="/c">',
    'x="href="y"',  # the value of another attribute may end just before the next "="
    'href="a"src="b" hrefsrc="c" src=\'d"\' href= "e"',
    '<a title="1=2" href="/f">',
])
def test_link_values_are_what_the_href_or_src_pattern_finds(html):
    assert link_values(html) == re.findall(r"""(?:href|src)=["']([^"']+)["']""", html)


def test_the_new_site_is_its_written_files_and_the_live_files_it_keeps(tmp_path):
    live, work = tmp_path / "live", tmp_path / "live/.atomic-output-x"
    (live / "pt/kept").mkdir(parents=True)
    (live / "pt/kept/index.html").write_text("kept")
    (live / "pt/gone").mkdir()
    (live / "pt/gone/index.html").write_text("not kept: the new site lacks it")
    (work / "site/pt/new").mkdir(parents=True)
    (work / "site/pt/new/index.html").write_text("written")
    site = SiteFiles(live, Publication(live, work, lambda name: False, {"pt/kept/index.html"}))
    assert [page_written(site, url) for url in ("pt/kept/", "pt/new/", "pt/gone/", "pt/new")] == [
        True, True, False, True]
    assert site.text("pt/kept/index.html") == "kept" and site.file("pt/new/index.html").read_text() == "written"
    assert site.location("pt/gone/index.html") is None


def test_a_kept_listing_page_an_earlier_check_read_is_not_read_again(tmp_path, monkeypatch):
    monkeypatch.setattr(SeenBefore, "RACY_SECONDS", 0)
    live, work = tmp_path / "live", tmp_path / "live/.atomic-output-x"
    (live / "pt").mkdir(parents=True)
    (live / "pt/index.html").write_text('<a href="/pt/a/">A</a> <a rel="next" href="/pt/page/2/">2</a>')
    (work / "site/pt/page/2").mkdir(parents=True)
    (work / "site/pt/page/2/index.html").write_text('<a href="/pt/b/">B</a>')
    site = SiteFiles(live, Publication(live, work, lambda name: False, {"pt/index.html"}))
    read = []
    monkeypatch.setattr("validation.output_checks.listing_links", lambda data: read.append(data) or listing_links(data))
    memo = tmp_path / "output-checks.pickle"
    for expected in (2, 3):  # the kept first page once, the written second page every time
        read_before = ReadBefore(memo)
        assert listed_urls(site, "/pt/", "", read_before) == {"/pt/a/", "/pt/b/", "/pt/page/2/"}
        read_before.save()
        assert len(read) == expected


def kept_and_written(tmp_path: Path) -> SiteFiles:
    """A new site that keeps the live search/kept.json and writes search/new.json."""
    live, work = tmp_path / "live", tmp_path / "live/.atomic-output-x"
    (live / "search").mkdir(parents=True)
    (live / "search/kept.json").write_text('[["T","pt/a/"]]')
    (work / "site/search").mkdir(parents=True)
    (work / "site/search/new.json").write_text('[["T","pt/b/"]]')
    return SiteFiles(live, Publication(live, work, lambda name: False, {"search/kept.json"}))


def test_a_kept_file_an_earlier_check_read_is_not_read_again_until_it_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(SeenBefore, "RACY_SECONDS", 0)
    site, memo, parsed = kept_and_written(tmp_path), tmp_path / "output-checks.pickle", []

    def parse(data: bytes) -> str:
        parsed.append(data)
        return json.loads(data)[0][1]

    first = ReadBefore(memo)
    assert [first.found(site, name, parse) for name in ("search/kept.json", "search/new.json", "search/no.json")] \
        == ["pt/a/", "pt/b/", None]
    first.save()
    parsed.clear()
    second = ReadBefore(memo)
    assert second.found(site, "search/kept.json", parse) == "pt/a/" and parsed == []
    assert second.found(site, "search/new.json", parse) == "pt/b/" and len(parsed) == 1  # written: read every time
    second.save()
    time.sleep(0.05)  # past the tick of the clock that dates file changes
    (tmp_path / "live/search/kept.json").write_text('[["T","pt/c/"]]')  # changed in place, by hand
    assert ReadBefore(memo).found(site, "search/kept.json", parse) == "pt/c/" and len(parsed) == 2


def test_a_file_changed_just_before_the_check_read_it_is_read_again(tmp_path):
    site, memo = kept_and_written(tmp_path), tmp_path / "output-checks.pickle"
    first = ReadBefore(memo)
    first.found(site, "search/kept.json", json.loads)
    first.save()
    assert ReadBefore(memo).seen.earlier == {}  # written a moment ago: its times might not tell a change


def test_a_sitemap_written_again_with_the_same_bytes_is_not_parsed_again(tmp_path, monkeypatch):
    site_folder, memo, parsed = tmp_path / "site", tmp_path / "output-checks.pickle", []
    site_folder.mkdir()
    monkeypatch.setattr("validation.output_checks.sitemap_entries",
                        lambda data: parsed.append(data) or sitemap_entries(data))
    page = '<url><loc>/pt/a/</loc></url>'
    for number, (entries, expected) in enumerate([(page, 1), (page, 1), (page * 2 + page.replace("/a/", "/b/"), 2),
                                                  ("<url><loc>/pt/a/</url>", 3)]):
        (site_folder / "sitemap.xml").write_text(  # written again by each build: a new file every time
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>')
        read_before = ReadBefore(memo)
        found, problems = read_sitemap(SiteFiles(site_folder), read_before)
        read_before.save()
        assert len(parsed) == expected, number
        if number < 3:
            assert set(found) == ({"/pt/a/", "/pt/b/"} if number == 2 else {"/pt/a/"}) and problems == []
        else:  # not well-formed: reported, as the first time
            assert found is None and [p.field for p in problems] == ["XML"]


def anchored_story(content: Path, anchor: str) -> None:
    write_article(content, "pt", "a", title="A", body=f"## Contexto {{#{anchor}}}\n\nTexto.")


def test_a_link_broken_by_another_story_is_reported_in_an_incremental_and_a_full_build(content_dir, tmp_path):
    anchored_story(content_dir, "contexto")
    write_article(content_dir, "pt", "b", title="B", date="2025-01-04 09:00",
                  body="Veja [o contexto](/pt/2025/01/a/#contexto).")
    output = tmp_path / "output"
    build(content_dir, output)
    anchored_story(content_dir, "historia")  # b is unchanged: an incremental build keeps its page
    expected = ["content/pt/b.md: link: /pt/2025/01/a/#contexto leads nowhere"]
    with pytest.raises(BuildFailed) as incremental:
        build(content_dir, output)
    assert [str(p) for p in incremental.value.problems] == expected
    with pytest.raises(BuildFailed) as full:
        build(content_dir, tmp_path / "full", INCREMENTAL_BUILDS=False)
    assert [str(p) for p in full.value.problems] == expected


def pelican_damaging(content: Path, output: Path, damage: str = "") -> subprocess.CompletedProcess:
    """`make html`'s command, with a plugin that damages the written site before the output checks."""
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    plugins.insert(plugins.index("validation"), "damage_output")
    overrides = {"PLUGINS": plugins, "PLUGIN_PATHS": [str(ROOT / "plugins"), str(TEST_PLUGINS)]}
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py",
         "-e", *[f"{name}={json.dumps(value)}" for name, value in overrides.items()]],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "VALIDATION_TEST_DAMAGE": damage},
    )


def test_a_page_or_sitemap_entry_lost_in_an_incremental_build_is_reported(content_dir, tmp_path):
    for slug in ("a", "b", "c"):
        write_article(content_dir, "pt", slug, title=slug.upper(), key=slug)
        write_article(content_dir, "id", slug, title=slug.upper(), key=slug)
    output = tmp_path / "output"
    first = pelican_damaging(content_dir, output)
    assert first.returncode == 0, first.stdout + first.stderr
    write_article(content_dir, "pt", "a", title="A", key="a", body="Corrigido.")  # a's page is written again
    result = pelican_damaging(content_dir, output, "page:pt/2025/01/a/index.html,sitemap:/pt/2025/01/c/")
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 1
    assert "ERROR: content/pt/a.md: page: /pt/2025/01/a/ was not written" in printed, printed
    assert "ERROR: content/pt/c.md: sitemap: not in sitemap.xml" in printed, printed
    assert "content/pt/b.md" not in printed and "content/id/" not in printed, printed
    assert "Traceback" not in printed
    # the same build undamaged: incremental (the failed one was too: same settings, same earlier build)
    again = pelican_damaging(content_dir, output)
    printed = again.stdout + again.stderr
    assert again.returncode == 0 and re.search(r"Incremental: \d+ of \d+ pages rendered", printed), printed


@pytest.mark.parametrize("text", [
    "", "plain text\twith\ttabs\r\nand lines", "acentuação “aspas” — 中文 😀", "\x00", "a\x08b", "\x0b", "\x0c",
    "x\x1fy", "\ud800", "a\udfffb", "\ufffe", "fim\uffff", "\x7f\x85\u2028", "é\x0e",
])
def test_the_quick_look_for_forbidden_characters_misses_none(text):
    assert may_hold_forbidden(text) == bool(XML_FORBIDDEN.search(text))
