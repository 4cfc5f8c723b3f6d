"""Incremental builds: after any change, a build into the same output folder writes exactly the bytes
a full build of the same content writes, rendering again only what the change touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import ROOT, build, files, write_article

SECTIONS = (("Economia", "Ekonomi"), ("Tecnologia", "Teknologi"), ("Cidades", "Kota"))
PLACES = "Recife Manaus Belém Natal Maceió Palmas Macapá Vitória Cuiabá Goiânia Aracaju Teresina".split()


def story(content: Path, n: int, *, lang: str = "pt", title: str | None = None, body: str | None = None) -> Path:
    """Story n of a newsroom spread over three months, three sections and a few tags; its Summary
    is the lede listings show, its body two paragraphs."""
    place = PLACES[n % len(PLACES)]
    pt_section, id_section = SECTIONS[n % 3]
    return write_article(
        content, lang, f"{lang}-{n:02d}", key=f"k{n:02d}",
        title=title or (f"Chuva em {place} fecha {n} escolas" if lang == "pt" else f"Hujan di {place} menutup {n} sekolah"),
        date=f"2025-{1 + n % 3:02d}-{1 + n % 27:02d} {8 + n % 9:02d}:{n % 60:02d}",
        category=pt_section if lang == "pt" else id_section,
        tags=f"{place}, chuva" if lang == "pt" else f"{place}, hujan",
        summary=f"Chuva em {place}." if lang == "pt" else f"Hujan di {place}.",
        body=body or (f"A chuva em {place} fechou {n} escolas.\n\n{n * 7} famílias deixaram suas casas."
                      if lang == "pt" else f"Hujan di {place} menutup {n} sekolah.\n\n{n * 7} keluarga mengungsi."),
        extra="\nAuthors: Ana Lima" if n % 2 else "",
    )


@pytest.fixture
def newsroom(tmp_path) -> Path:
    """24 translated pairs and 3 Portuguese stories with no translation yet."""
    content = tmp_path / "content"
    for n in range(27):
        story(content, n)
        if n < 24:
            story(content, n, lang="id")
    return content


def page_inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*.html")}


def rebuild(content: Path, tmp_path: Path, change, **settings) -> tuple[list[str], list[str]]:
    """Build, change, build again into the same folder; compare with a full build of the changed
    content. Returns (pages kept as the first build's files, pages rendered again)."""
    live = tmp_path / "live"
    build(content, live)
    first = page_inodes(live)
    change(content)
    build(content, live, **settings)
    full = build(content, tmp_path / "full", INCREMENTAL_BUILDS=False, **settings)
    incremental, expected = files(live), files(full.output)
    assert sorted(incremental) == sorted(expected)
    assert [name for name in expected if incremental[name] != expected[name]] == []
    now = page_inodes(live)
    kept = sorted(name for name, inode in now.items() if first.get(name) == inode)
    return kept, sorted(set(now) - set(kept))


def test_correcting_a_story_body_renders_its_page_only(newsroom, tmp_path):
    def correct(content):
        story(content, 5, body="A chuva em Palmas fechou 5 escolas.\n\n35 famílias deixaram as suas casas.")

    kept, rendered = rebuild(newsroom, tmp_path, correct)
    # the editors' report is dated by the clock: rendered every build, it is new when the minute is
    assert [name for name in rendered if name != "_editors/translations.html"] == ["pt/2025/03/pt-05/index.html"]
    assert len(kept) > 100


def test_a_new_headline_renders_the_pages_that_show_it(newsroom, tmp_path):
    kept, rendered = rebuild(newsroom, tmp_path, lambda content: story(content, 5, title="Temporal em Palmas"))
    assert {"pt/2025/03/pt-05/index.html", "pt/tag/palmas/index.html", "pt/arquivo/2025/03/index.html",
            "id/2025/03/id-05/index.html"} <= set(rendered)
    assert "pt/2025/01/pt-00/index.html" in kept  # another section, another month


def test_adding_a_story(newsroom, tmp_path):
    def add(content):
        story(content, 40)
        story(content, 40, lang="id")

    kept, rendered = rebuild(newsroom, tmp_path, add)
    assert "pt/2025/02/pt-40/index.html" in rendered
    assert len(kept) > len(rendered)


def test_deleting_a_story(newsroom, tmp_path):
    kept, rendered = rebuild(newsroom, tmp_path, lambda content: (content / "pt" / "pt-07.md").unlink())
    assert "id/2025/02/id-07/index.html" in rendered  # its switcher no longer offers the deleted version
    assert kept


def test_retranslating_a_story(newsroom, tmp_path):
    def retranslate(content):
        story(content, 9, lang="id", title="Hujan lebat di Natal", body="Terjemahan baru: hujan lebat di Natal.")

    kept, rendered = rebuild(newsroom, tmp_path, retranslate)
    assert "id/2025/01/id-09/index.html" in rendered
    assert kept


def test_translating_an_untranslated_story(newsroom, tmp_path):
    kept, rendered = rebuild(newsroom, tmp_path, lambda content: story(content, 25, lang="id"))
    assert "pt/2025/02/pt-25/index.html" in rendered  # its switcher now leads to the translation
    assert kept


def test_a_settings_change_is_a_full_build(newsroom, tmp_path):
    kept, rendered = rebuild(newsroom, tmp_path, lambda content: None, SITENAME="Outro Jornal")
    assert kept == []
    assert len(rendered) > 50


def test_a_theme_change_is_a_full_build(newsroom, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    live = tmp_path / "live"
    build(newsroom, live, THEME=str(theme))
    first = page_inodes(live)
    footer = theme / "templates" / "base.html"
    footer.write_text(footer.read_text("utf-8").replace("</footer>", "<p>Edição de teste</p></footer>"), "utf-8")
    site = build(newsroom, live, THEME=str(theme))
    kept = {name for name, inode in page_inodes(live).items() if first.get(name) == inode}
    with_footer = {name for name in page_inodes(live) if "</footer>" in (live / name).read_text("utf-8")}
    assert len(with_footer) > 100 and not kept & with_footer, "every page showing the footer is written again"
    assert all("Edição de teste" in (live / name).read_text("utf-8") for name in with_footer)
    # the pages without that footer render to the same bytes: the language chooser stays as it was
    # (so does the editors' report, unless the clock's minute changed between the builds)
    assert "index.html" in kept and kept <= {"index.html", "_editors/translations.html"}
    assert "Edição de teste" in site.html("pt/").get_text()


def test_a_page_changed_by_hand_in_the_output_is_written_again(newsroom, tmp_path):
    live = tmp_path / "live"
    build(newsroom, live)
    page = live / "pt" / "index.html"
    built = page.read_bytes()
    page.write_bytes(b"defaced")
    build(newsroom, live)
    assert page.read_bytes() == built


def test_a_page_changed_by_hand_is_written_again_when_the_background_look_at_the_live_files_fails(
        newsroom, tmp_path, monkeypatch):
    import validation.background

    def failing(work):
        def result():
            raise RuntimeError("the check's process stopped (exit code -9)")
        return result

    live = tmp_path / "live"
    build(newsroom, live)
    page = live / "pt" / "index.html"
    built = page.read_bytes()
    page.write_bytes(b"defaced")
    monkeypatch.setattr(validation.background, "in_background", failing)
    build(newsroom, live)  # (every page is then looked at by the build itself)
    assert page.read_bytes() == built


def test_templates_compiled_under_other_environment_options_are_not_reused(newsroom, tmp_path):
    """Compiled templates are kept between builds; Jinja checks them against the template's source
    only, while options such as trim_blocks change the compiled code too."""
    from pelican.settings import read_settings

    options = {**read_settings(str(ROOT / "pelicanconf.py"))["JINJA_ENVIRONMENT"], "trim_blocks": False}
    kept, rendered = rebuild(newsroom, tmp_path, lambda content: None, JINJA_ENVIRONMENT=options)
    assert kept == [] and len(rendered) > 50  # (rebuild compared every byte with a full build)


def test_a_corrected_story_links_to_a_kept_story_by_its_file(newsroom, tmp_path):
    # the kept story is found by its file as Pelican names it (plugins/incremental/built_stories.py
    # files it under the relative path it was made with)
    def correct(content):
        story(content, 5, body="A chuva em Palmas fechou 5 escolas.\n\nVeja [Recife]({filename}/pt/pt-00.md).")

    kept, rendered = rebuild(newsroom, tmp_path, correct)
    assert "pt/2025/01/pt-00/index.html" in kept
    page = (tmp_path / "live" / "pt" / "2025" / "03" / "pt-05" / "index.html").read_text()
    assert 'href="/pt/2025/01/pt-00/">Recife</a>' in page
