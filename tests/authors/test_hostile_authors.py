"""Author names are untrusted: shown as text everywhere, with slugs that are one safe URL segment;
a name that gives no slug stops the build with a message naming the file and the field."""

import subprocess
import sys

import pytest

from support import ROOT, build, dangerous_markup, write_article
from validation.problems import BuildFailed

HOSTILE = ["<script>alert(1)</script>", "../../etc/passwd", "..\\..\\Windows\\win.ini", "<b>Negrito</b> Nome"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-authors")
    content = root / "content"
    write_article(content, "pt", "x", title="Nota", key="x", extra="\nAuthors: " + ", ".join(HOSTILE))
    write_article(content, "id", "x", title="Berita", key="x", extra="\nAuthors: " + ", ".join(HOSTILE))
    return build(content, root / "site" / "output")


def test_hostile_names_are_shown_as_text(hostile_site):
    page = hostile_site.html("/pt/2025/01/x/")
    names = [a.get_text() for a in page.select(".story__byline a")]
    assert names == HOSTILE
    assert page.select(".story__byline script, .story__byline b") == []
    author = hostile_site.html("/pt/autor/alert1/")
    assert author.select_one("h1").get_text(strip=True) == "<script>alert(1)</script>"
    assert author.title.get_text().startswith("<script>alert(1)</script> — ")


def test_hostile_names_get_safe_slugs_inside_the_output(hostile_site):
    page = hostile_site.html("/id/2025/01/x/")
    assert [a["href"] for a in page.select(".story__byline a")] == [
        "/id/penulis/alert1/", "/id/penulis/etcpasswd/", "/id/penulis/windowswinini/", "/id/penulis/negrito-nome/"]
    folder = hostile_site.output / "id" / "penulis"
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert written == ["alert1/index.html", "etcpasswd/index.html", "negrito-nome/index.html", "windowswinini/index.html"]
    root = hostile_site.output.parent.parent
    elsewhere = [p for p in root.rglob("*") if p.is_file()
                 and not p.is_relative_to(root / "content") and not p.is_relative_to(hostile_site.output)]
    assert elsewhere == []


def test_no_page_or_feed_runs_anything_from_an_author_name(hostile_site):
    written = [p for p in hostile_site.output.rglob("*") if p.suffix in (".html", ".xml")]
    assert any("feeds/autor/alert1" in str(p) for p in written)
    assert {str(p.relative_to(hostile_site.output)): dangerous_markup(p) for p in written
            if dangerous_markup(p)} == {}


def test_a_name_that_gives_no_slug_stops_the_build_naming_file_and_field(content_dir, tmp_path):
    write_article(content_dir, "pt", "x", title="Nota", extra="\nAuthors: Ana Lima, <img src=x onerror=alert(1)>")
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, tmp_path / "output")
    messages = [str(p) for p in failure.value.problems]
    assert any("content/pt/x.md: Authors: '<img src=x onerror=alert(1)>' gives no page name" in m for m in messages), messages
    assert not (tmp_path / "output").exists()


def test_the_command_line_exits_1_without_a_traceback(content_dir, tmp_path):
    write_article(content_dir, "pt", "x", title="Nota", extra="\nAuthors: ...")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content_dir), "-o", str(tmp_path / "output"), "-s", "pelicanconf.py"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "content/pt/x.md: Authors: '...' gives no page name" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
