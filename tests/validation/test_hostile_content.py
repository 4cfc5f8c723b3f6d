"""Careless or hostile content: every problem names its file and field, nothing escapes output/, no traceback."""

import logging
import os
import subprocess
import sys

import feedparser
import pytest
from pelican.utils import copy_file

from support import ROOT, build, write_article
from validation.problems import BuildFailed, ErrorCollector


def problems_of(content, tmp_path, **overrides) -> list[str]:
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "output", **overrides)
    return [str(p) for p in failure.value.problems]


def pelican(content, output, *args):
    """The command `make html` runs, with its output piped as in CI (not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py", *args],
        cwd=ROOT, capture_output=True, text=True,
    )


@pytest.mark.parametrize("slug, message", [
    ("/", "content/pt/x.md: Slug: '/' gives no page name"),
    ("..", "content/pt/x.md: Slug: '..' gives no page name"),
    ("a?b#c", "content/pt/x.md: Slug: 'a?b#c' must not contain '?'"),
    ("100%25-certo", "content/pt/x.md: Slug: '100%25-certo' must not contain '%'"),
    ("../../busca", "content/pt/x.md: Slug: '../../busca' must be a single name, without '/'"),
    ("a/b", "content/pt/x.md: Slug: 'a/b' must be a single name, without '/'"),
    (".escondido", "content/pt/x.md: Slug: '.escondido' must not start with '.'"),
])
def test_a_slug_that_is_not_one_folder_name_is_refused(content_dir, tmp_path, slug, message):
    write_article(content_dir, "pt", "x", title="Título", extra="").write_text(
        f"Title: Título\nDate: 2025-01-03\nLang: pt\nSlug: {slug}\n\nCorpo.\n")
    assert problems_of(content_dir, tmp_path) == [message]
    assert not (tmp_path / "output").exists()


def test_a_slug_that_climbs_out_of_the_output_is_refused_before_anything_is_written(tmp_path):
    content = tmp_path / "content"
    write_article(content, "pt", "x", title="Título").write_text(
        "Title: Título\nDate: 2025-01-03\nLang: pt\nSlug: ../../../../escapou\n\nCorpo.\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = pelican(content, tmp_path / "site" / "output")
    assert result.returncode == 1
    assert "content/pt/x.md: Slug: '../../../../escapou' must be a single name" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "site") == before
    assert not list((tmp_path / "site").rglob("escapou*"))


def test_a_slug_on_a_listing_page_is_refused(content_dir, tmp_path):
    write_article(content_dir, "pt", "x", title="Título").write_text(
        "Title: Título\nDate: 2025-01-03\nLang: pt\nSlug: busca\n\nCorpo.\n")
    assert problems_of(content_dir, tmp_path, ARTICLE_URL="{slug}/") == [
        "content/pt/x.md: Slug: its page /pt/busca/ is also a listing page of the site"]


def test_a_very_long_title_without_a_slug_names_the_title_instead_of_crashing(content_dir, tmp_path):
    write_article(content_dir, "pt", "x", title="Título").write_text(
        "Title: " + "palavra " * 700 + "\nDate: 2025-01-03\nLang: pt\n\nCorpo.\n")
    result = pelican(content_dir, tmp_path / "output")
    assert result.returncode == 1
    assert "content/pt/x.md: Title: the slug made from the Title is 5,599 characters long" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_slug_with_accents_and_spaces_is_published_and_checked_as_one_url(content_dir, build_site):
    write_article(content_dir, "pt", "x", title="Título").write_text(
        "Title: Notícia quente\nDate: 2025-01-03\nLang: pt\nSlug: notícia quente\n\nCorpo.\n")
    site = build_site(content_dir)
    assert (site.output / "pt/2025/01/notícia quente/index.html").is_file()
    feed = feedparser.parse(str(site.output / "pt/feeds/atom.xml"))
    assert feed.entries[0].link.endswith("/pt/2025/01/not%C3%ADcia%20quente/")


@pytest.mark.parametrize("folder", ["pt", "id"])
def test_a_missing_lang_is_an_error_naming_the_field(content_dir, tmp_path, folder):
    (content_dir / folder).mkdir()
    (content_dir / folder / "x.md").write_text("Title: Sem língua\nDate: 2025-01-03\nSlug: x\n\nCorpo.\n")
    assert problems_of(content_dir, tmp_path) == [f"content/{folder}/x.md: Lang: missing (one of pt, id)"]


def test_a_missing_date_names_the_field(content_dir, tmp_path):
    (content_dir / "pt").mkdir()
    (content_dir / "pt/x.md").write_text("Title: Sem data\nLang: pt\n\nCorpo.\n")
    assert problems_of(content_dir, tmp_path) == ["content/pt/x.md: Date: missing"]


def test_invalid_utf8_names_the_line_and_column(content_dir, tmp_path):
    (content_dir / "pt").mkdir()
    (content_dir / "pt/x.md").write_bytes(
        "Title: Codificação\nDate: 2025-01-03\nLang: pt\n\nPrimeira linha.\nSegunda é ".encode() + b"\xe9 ruim.\n")
    assert problems_of(content_dir, tmp_path) == [
        "content/pt/x.md: encoding: not valid UTF-8 at line 6, column 12 (byte 0xe9); save it as UTF-8"]


def test_tags_that_slugify_alike_are_one_tag_with_the_first_spelling(content_dir, build_site, caplog):
    write_article(content_dir, "pt", "x", title="Inteligência", tags="IA, ia, Ia, Robôs", date="2025-01-02")
    write_article(content_dir, "pt", "y", title="Outra", tags="robos", category="tecnologia")
    write_article(content_dir, "pt", "z", title="Mais uma", category="Tecnologia", date="2025-01-04")
    with caplog.at_level(logging.WARNING):
        site = build_site(content_dir)
    listing = site.html("/pt/tag/ia/")
    assert [a.get_text() for a in listing.select(".story-card__title a")] == ["Inteligência"]
    assert listing.h1.get_text(strip=True).endswith("IA")
    assert [a.get_text() for a in site.html("/pt/2025/01/y/").select(".tag-list a")] == ["Robôs"]
    assert site.html("/pt/categoria/tecnologia/").h1.get_text(strip=True).endswith("tecnologia")
    assert "content/pt/x.md: Tags: 'ia' is the same tag as 'IA'" in caplog.text
    assert "content/pt/x.md: Tags: 'Ia' is the same tag as 'IA'" in caplog.text
    assert "content/pt/z.md: Category: 'Tecnologia' is the same category as 'tecnologia'" in caplog.text


def test_a_tag_that_gives_no_url_is_refused(content_dir, tmp_path):
    write_article(content_dir, "pt", "x", title="Título", tags="boa, ...")
    assert problems_of(content_dir, tmp_path) == ["content/pt/x.md: Tags: '...' gives no page name (its slug is empty)"]


def test_a_hidden_story_is_published_but_not_in_the_sitemap(content_dir, build_site):
    write_article(content_dir, "pt", "visivel", title="Visível")
    write_article(content_dir, "pt", "escondida", title="Escondida", extra="\nStatus: hidden")
    site = build_site(content_dir)
    assert site.exists("/pt/2025/01/escondida/")
    sitemap = (site.output / "sitemap.xml").read_text()
    assert "/pt/2025/01/visivel/" in sitemap and "escondida" not in sitemap


def test_a_story_over_the_size_limit_is_refused(content_dir, tmp_path):
    write_article(content_dir, "pt", "x", title="Enorme", body="palavra " * 700_000)
    size = (content_dir / "pt/x.md").stat().st_size
    assert problems_of(content_dir, tmp_path) == [
        f"content/pt/x.md: size: {size:,} bytes, over ARTICLE_MAX_BYTES (1,000,000): split the story or raise the limit"]


def test_feeds_carry_a_bounded_excerpt_or_the_full_text_by_setting(content_dir, build_site):
    body = "\n\n".join(f"Parágrafo {n} " + "palavra " * 100 for n in range(200))
    write_article(content_dir, "pt", "longa", title="Longa", body=body)
    feed = (build_site(content_dir).output / "pt/feeds/atom.xml").read_text()
    assert len(feed) < 5_000 and "Parágrafo 199" not in feed
    entry = feedparser.parse(feed).entries[0]
    assert 40 <= len(entry.summary.split()) <= 62
    full = (build_site(content_dir, FEED_FULL_TEXT=True).output / "pt/feeds/atom.xml").read_text()
    assert "Parágrafo 199" in full


def test_an_html_file_in_content_is_refused_and_other_files_are_named_as_ignored(content_dir, tmp_path, caplog):
    write_article(content_dir, "pt", "ok", title="Certo")
    (content_dir / "pt/pagina.html").write_text(
        "<html><head><title>T</title><meta name='date' content='2025-01-03'></head>"
        "<body><script>alert(1)</script><p>x</p></body></html>")
    (content_dir / "pt/notas.txt").write_text("rascunho")
    with caplog.at_level(logging.WARNING):
        problems = problems_of(content_dir, tmp_path)
    assert problems == ["content/pt/pagina.html: file: HTML is not published (content/ holds markdown); "
                        "bring it in with `newsroom import`, which keeps its text safely"]
    assert "content/pt/notas.txt: file: ignored: not a markdown file (.txt)" in caplog.text


def test_a_symbolic_link_loop_is_named_once(content_dir, tmp_path):
    write_article(content_dir, "pt", "ok", title="Certo")
    os.symlink("..", content_dir / "pt" / "volta")
    result = pelican(content_dir, tmp_path / "output")
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    assert [line for line in lines if "volta" in line] == [
        "ERROR: content/pt/volta: file: symbolic link leads back to content, a folder already read (a loop); "
        "remove the link"]
    assert len(lines) < 10


def test_links_that_loop_between_folders_lead_out_or_block_are_named_once_each(content_dir, tmp_path):
    write_article(content_dir, "pt", "ok", title="Certo")
    (content_dir / "id").mkdir()
    os.symlink("../id", content_dir / "pt" / "para-id")
    os.symlink("../pt", content_dir / "id" / "para-pt")
    os.symlink(tmp_path, content_dir / "pt" / "fora")
    (tmp_path / "segredo.md").write_text("Title: Fora\nDate: 2025-01-03\nLang: pt\n\nDe fora.\n")
    os.symlink(tmp_path / "segredo.md", content_dir / "pt" / "segredo.md")
    os.mkfifo(content_dir / "pt" / "cano.md")
    assert problems_of(content_dir, tmp_path) == [
        "content/id/para-pt: file: symbolic link leads back to content/pt, a folder already read (a loop); remove the link",
        "content/pt/cano.md: file: not a regular file (a pipe or a device): reading it could wait forever",
        f"content/pt/fora: file: symbolic link leads out of the content folder, to {tmp_path}; remove the link",
        "content/pt/para-id: file: symbolic link leads back to content/id, a folder already read (a loop); remove the link",
        f"content/pt/segredo.md: file: symbolic link leads out of the content folder, to {tmp_path / 'segredo.md'}; "
        "copy the file in instead"]


def test_error_lines_are_not_wrapped_when_the_output_is_not_a_terminal(content_dir, tmp_path):
    folder = content_dir / "pt" / ("secao-com-um-nome-bem-comprido-" * 3)
    folder.mkdir(parents=True)
    (folder / "x.md").write_text("Title: T\nDate: 2025-01-03\nLang: fr\n\nCorpo.\n")
    result = pelican(content_dir, tmp_path / "output")
    assert result.returncode == 1
    shown = f"content/pt/{folder.name}/x.md"
    assert f"ERROR: {shown}: Lang: 'fr' is not a site language (pt, id)" in result.stdout.splitlines()


def test_a_file_pelican_could_not_copy_counts_as_an_error(tmp_path):
    # Pelican only warns when a copy fails (a full disk here: a destination it cannot write) and goes on.
    source = tmp_path / "site.css"
    source.write_text("body {}")
    collector = ErrorCollector()
    logging.getLogger().addHandler(collector)
    try:
        copy_file(str(source), str(tmp_path / "not-a-folder" / "site.css"))
        logging.getLogger("pelican").warning("An ordinary warning")
    finally:
        logging.getLogger().removeHandler(collector)
    assert [record.levelname for record in collector.records] == ["WARNING"]
    assert "site.css" in collector.records[0].getMessage()


def test_a_character_xml_forbids_is_named_by_field_with_the_words_before_it(content_dir, tmp_path):
    # Feeds are XML 1.0, which cannot carry one: before, the feed writer stopped with a traceback.
    (content_dir / "pt").mkdir()
    (content_dir / "pt/titulo.md").write_text("Title: Sino\x07\nDate: 2025-01-03\nLang: pt\n\nCorpo.\n")
    (content_dir / "pt/corpo.md").write_text("Title: Corpo\nDate: 2025-01-03\nLang: pt\n\nUm.\n\nDois\x08.\n")
    (content_dir / "pt/etiqueta.md").write_text("Title: Etiqueta\nDate: 2025-01-03\nLang: pt\nTags: boa, m\uffffá\n\nX.\n")
    assert problems_of(content_dir, tmp_path) == [
        "content/pt/corpo.md: body: control character U+0008 after 'Um. Dois'; remove it (pages and feeds cannot carry it)",
        "content/pt/etiqueta.md: Tags: control character U+FFFF after 'boa m'; remove it (pages and feeds cannot carry it)",
        "content/pt/titulo.md: Title: control character U+0007 after 'Sino'; remove it (pages and feeds cannot carry it)"]


def test_an_unknown_status_is_one_problem_naming_the_field(content_dir, tmp_path):
    write_article(content_dir, "pt", "x", title="Título", extra="\nStatus: publicada")
    assert problems_of(content_dir, tmp_path) == [
        "content/pt/x.md: Status: 'publicada' is not a status (published, hidden, draft); the story was not published"]
