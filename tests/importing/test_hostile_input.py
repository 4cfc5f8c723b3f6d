"""Hostile and broken input: slugs that climb out, injected markup and metadata, unreadable content.

Each case names what the importer did before this suite was written, so it is clear what it guards.
"""

import os
import re
import shutil

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from importer.cli import main
from importer.content_store import UnsafeTarget, parse_article, write_inside
from support import ROOT, SAMPLES, SEEDS, dangerous, write_article

LEDE_PT = ("O governo federal anunciou nesta segunda-feira um programa para construir casas populares em "
           "todas as capitais do país, com recursos do orçamento deste ano.")
WRITTEN_FIELDS = {"title", "date", "lang", "slug", "translation_key", "category", "tags", "author", "summary",
                  "needs_review", "source", "source_sha256", "import_sha256"}


def run(*args) -> int:
    return main(["--settings", str(ROOT / "pelicanconf.py"), *map(str, args)])


def stored(content):
    """{path relative to content: (metadata, header lines)} of every readable article."""
    found = {}
    for path in sorted(content.rglob("*.md")):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):  # the unreadable files a test put there
            continue
        found[str(path.relative_to(content))] = (parse_article(path, text).metadata, text.split("\n\n")[0].split("\n"))
    return found


def rendered(path):
    """(body HTML, metadata) as the build's markdown reader makes them, before any build-time cleaning."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(path.parent)})
    return MarkdownReader(settings).read(str(path))


def test_a_slug_that_climbs_out_is_made_safe_and_written_inside_content(tmp_path, capsys):
    # Before: `Slug: ../../README` replaced the project's README.md, exit 0, no message.
    project = tmp_path / "project"
    content = project / "content"
    (project / "README.md").parent.mkdir(parents=True)
    (project / "README.md").write_text("# the project\n", "utf-8")
    outside = tmp_path / "elsewhere" / "evil"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "climb.md").write_text(f"Title: Sobe\nLang: pt\nDate: 2025-01-03\nSlug: ../../README\n\n{LEDE_PT}\n")
    (inbox / "absolute.md").write_text(
        f"Title: Absoluto\nLang: pt\nDate: 2025-01-03\nSlug: {outside}\n\n{LEDE_PT} Outra.\n")

    assert run("import", inbox, "--content", content) == 0
    err = capsys.readouterr().err
    assert (project / "README.md").read_text("utf-8") == "# the project\n"
    assert not outside.with_suffix(".md").exists() and not outside.parent.exists()
    found = stored(content)
    assert len(found) == 2 and "pt/readme.md" in found
    assert all(path == f"pt/{meta['slug']}.md" for path, (meta, _) in found.items())
    assert all(re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", meta["slug"]) for meta, _ in found.values())
    assert "climb.md: Slug '../../README' is not a safe URL name: written as 'readme'" in err
    assert f"absolute.md: Slug '{outside}' is not a safe URL name" in err


def test_a_slug_with_nothing_usable_falls_back_to_the_title(tmp_path, capsys):
    source = tmp_path / "dots.md"
    source.write_text(f"Title: Governo anuncia casas\nLang: pt\nDate: 2025-01-03\nSlug: ../..\n\n{LEDE_PT}\n")
    assert run("import", source, "--content", tmp_path / "content") == 0
    assert list(stored(tmp_path / "content")) == ["pt/governo-anuncia-casas.md"]
    assert "dots.md: Slug '../..' has no letters or digits" in capsys.readouterr().err


def test_two_files_claiming_one_slug_do_not_overwrite_each_other(tmp_path, capsys):
    # Before: both were reported "imported" to the same path; the first one's text was lost.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.md").write_text(f"Title: Um\nLang: pt\nDate: 2025-01-03\nSlug: mesmo\n\n{LEDE_PT}\n")
    (inbox / "b.md").write_text(f"Title: Dois\nLang: pt\nDate: 2025-01-03\nSlug: mesmo\n\n{LEDE_PT} Dois.\n")
    assert run("import", inbox, "--content", tmp_path / "content") == 1
    err = capsys.readouterr().err
    assert re.search(r"failed: .*b\.md: Slug 'mesmo' is already used by .*pt/mesmo\.md", err), err
    ((meta, _),) = stored(tmp_path / "content").values()
    assert meta["title"] == "Um"


def test_a_language_folder_that_links_out_of_content_is_never_written_through(tmp_path, capsys):
    # Before: the article was written into the folder the link pointed to, exit 0.
    content, outside = tmp_path / "content", tmp_path / "outside"
    content.mkdir()
    outside.mkdir()
    (content / "pt").symlink_to(outside, target_is_directory=True)
    assert run("import", SAMPLES / "launch-pt.txt", "--content", content, "--date", "2025-02-18") == 1
    err = capsys.readouterr().err
    assert "launch-pt.txt:" in err and f"outside {content.resolve() / 'pt'}" in err and "not written" in err
    assert list(outside.iterdir()) == []


def test_write_inside_refuses_a_target_whose_link_leads_out(tmp_path):
    folder, outside = tmp_path / "content" / "pt", tmp_path / "outside.md"
    folder.mkdir(parents=True)
    outside.write_text("keep me", "utf-8")
    (folder / "a.md").symlink_to(outside)
    with pytest.raises(UnsafeTarget, match="outside"):
        write_inside(folder, folder / "a.md", "Title: x\n\nbody\n")
    with pytest.raises(UnsafeTarget):
        write_inside(folder, folder / ".." / ".." / "README.md", "x")
    assert outside.read_text("utf-8") == "keep me"


def test_markdown_keeps_clean_blocks_as_written_and_sanitises_the_others(tmp_path, capsys):
    # Before: <script>, onerror= and javascript: links were stored as written, in the body and in Summary.
    source = tmp_path / "hostile.md"
    source.write_text(
        "Title: Chuvas alagam o centro\nLang: pt\nDate: 2025-03-14\n"
        "Summary: Resumo <script>alert(1)</script> com [link](javascript:alert(2))\n\n"
        f"{LEDE_PT} Um trecho *em itálico* e [uma fonte](https://example.org/a?b=1&c=2).\n\n"
        "Segundo parágrafo <script>alert(3)</script> com texto.\n\n"
        "Uma imagem <img src=foto.jpg onerror=alert(4)> e [um link](javascript:alert(5)).\n\n"
        "- uma lista\n- bem comportada\n", "utf-8")
    assert run("import", source, "--content", tmp_path / "content") == 0
    err = capsys.readouterr().err
    (path,) = (tmp_path / "content").rglob("*.md")
    text = path.read_text("utf-8")
    body = text.split("\n\n", 1)[1]
    assert f"{LEDE_PT} Um trecho *em itálico* e [uma fonte](https://example.org/a?b=1&c=2)." in body
    assert "- uma lista\n- bem comportada" in body
    assert "<script" not in text and "onerror" not in text and "javascript:" not in body
    assert "Segundo parágrafo" in body and "Uma imagem" in body and '<img src="foto.jpg">' in body
    meta = parse_article(path, text).metadata
    assert meta["summary"] == "Resumo com link"
    assert "hostile.md: paragraph 2: removed <script>; kept as sanitised HTML" in err
    assert "hostile.md: paragraph 3: removed onerror= on <img>, a javascript: URL; kept as sanitised HTML" in err
    assert "hostile.md: Summary: removed <script>, a javascript: URL; written as plain text" in err
    content, metadata = rendered(path)
    assert dangerous(content) == [] and dangerous(metadata["summary"]) == []
    assert "<em>em itálico</em>" in content and "<li>uma lista</li>" in content
    assert run("import", source, "--content", tmp_path / "content") == 0  # sanitising is repeatable
    assert "0 imported, 0 updated, 1 unchanged" in capsys.readouterr().out and path.read_text("utf-8") == text


@pytest.mark.parametrize("body", [
    # raw HTML opened in one block and closed in another: no block alone shows the handler
    '<div title="\n\n" onmouseover="alert(1)">x</div>',
    # a link whose target is defined in another block
    "Veja [a fonte][r] agora.\n\n[r]: javascript:alert(2)",
    # attribute lists (markdown.extensions.attr_list) give a paragraph an event handler
    'Texto do parágrafo.\n{: onclick="alert(3)" }',
    "<svg><script>alert(4)</script></svg>\n\n<iframe src=https://example.org></iframe>",
    "<a href=\"JaVaScRiPt:alert(5)\">x</a> <a href=\"java\tscript:alert(6)\">y</a>",
])
def test_markup_that_only_markdown_makes_dangerous_is_caught(tmp_path, body):
    source = tmp_path / "tricky.md"
    source.write_text(f"Title: Manchete de teste\nLang: pt\nDate: 2025-01-03\n\n{LEDE_PT}\n\n{body}\n", "utf-8")
    assert run("import", source, "--content", tmp_path / "content") == 0
    (path,) = (tmp_path / "content").rglob("*.md")
    content, metadata = rendered(path)
    assert dangerous(content) == [], content
    assert LEDE_PT in content


def test_plain_text_cannot_give_a_paragraph_attributes(tmp_path):
    # Before: a line `{: onclick="…" }` in a .txt file became <p onclick="…"> (attr_list).
    source = tmp_path / "nota.txt"
    source.write_text(f"Preço do café sobe pela terceira semana\n\n{LEDE_PT}\n{{: onclick=\"alert(1)\" }}\n", "utf-8")
    assert run("import", source, "--content", tmp_path / "content", "--lang", "pt", "--date", "2025-01-03") == 0
    (path,) = (tmp_path / "content").rglob("*.md")
    content, _ = rendered(path)
    assert dangerous(content) == [] and '{: onclick="alert(1)" }' in content


def test_a_heading_with_line_breaks_cannot_write_metadata_lines(tmp_path):
    # Before: the <h1> text kept its line breaks and wrote Summary, Status and Slug lines of its own.
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><h1>Manchete\nSummary: <script>alert(1)</script>\nStatus: draft\n"
                    "Slug: ../evil\rTranslation_Key: forged</h1>"
                    f"<p>{LEDE_PT}</p></article></body></html>", "utf-8")
    assert run("import", page, "--content", tmp_path / "content", "--lang", "pt", "--date", "2025-01-03") == 0
    ((meta, header),) = stored(tmp_path / "content").values()
    names = [line.split(":", 1)[0].lower() for line in header]
    assert len(names) == len(set(names)) and set(names) <= WRITTEN_FIELDS and "translation_key" not in names
    assert meta["title"] == "Manchete Summary: Status: draft Slug: ../evil Translation_Key: forged"
    assert meta["summary"] == LEDE_PT and meta["slug"].startswith("manchete-summary")


def test_options_and_file_names_with_line_breaks_stay_on_their_line(tmp_path):
    # Before: --category "Eco\nStatus: draft" and a file name with a newline each wrote a Status line.
    source = tmp_path / "nota\nStatus: draft.txt"
    source.write_text(f"Preço do café sobe pela terceira semana\n\n{LEDE_PT}\n", "utf-8")
    assert run("import", source, "--content", tmp_path / "content", "--lang", "pt", "--date", "2025-01-03",
               "--category", "Eco\nStatus: draft", "--tags", "a,\r b\x00, <script>c</script>d") == 0
    ((meta, header),) = stored(tmp_path / "content").values()
    assert "status" not in meta and all(":" in line for line in header)
    assert meta["category"] == "Eco Status: draft" and meta["source"] == "nota Status: draft.txt"
    assert meta["tags"] == "a, b, d"


def test_metadata_values_are_one_line_of_plain_text(tmp_path, capsys):
    source = tmp_path / "meta.md"
    source.write_text("Title: <b>Chuvas</b> alagam\x0b o centro\x07\nLang: pt\nDate: 2025-01-03\n"
                      "Author: Ana\u2028Status: draft\nCategory: <script>x</script>Cidades\n"
                      f"Translation_Key: k1\x85Slug: x\n\n{LEDE_PT}\n", "utf-8")
    assert run("import", source, "--content", tmp_path / "content") == 0
    ((meta, header),) = stored(tmp_path / "content").values()
    assert meta["title"] == "Chuvas alagam o centro" and meta["author"] == "Ana Status: draft"
    assert meta["category"] == "Cidades" and meta["translation_key"] == "k1 Slug: x"
    assert {line.split(":", 1)[0] for line in header} <= {name.title() for name in WRITTEN_FIELDS}
    assert "meta.md: Title: markup removed, written as plain text: 'Chuvas alagam o centro'" in capsys.readouterr().err


def test_superscript_digits_are_no_numbers_to_pair_on(tmp_path):
    # Before: "10²" passed str.isdigit() and int() raised out of the pairing: a traceback, nothing imported.
    source = tmp_path / "area.txt"
    source.write_text(f"Área alagada chega a 10² quilômetros\n\n{LEDE_PT} A área chega a 10² km².\n", "utf-8")
    assert run("import", source, "--content", tmp_path / "content", "--lang", "pt", "--date", "2025-01-03") == 0


def test_a_date_that_is_not_one_is_named_not_a_traceback(tmp_path, capsys):
    # Before: "2025-01-03 99:99" raised ValueError out of the importer (a traceback, nothing imported).
    source = tmp_path / "date.md"
    source.write_text(f"Title: Manchete\nLang: pt\nDate: 2025-01-03 99:99\n\n{LEDE_PT}\n", "utf-8")
    assert run("import", source, "--content", tmp_path / "content", "--date", "2025-01-04") == 0
    assert "date.md: Date '2025-01-03 99:99' is not a date" in capsys.readouterr().err
    ((meta, _),) = stored(tmp_path / "content").values()
    assert meta["date"] == "2025-01-04 00:00"


def unreadable_files(content):
    """Three files in content/ that cannot be read, each as a different kind of failure."""
    (content / "pt").mkdir(parents=True, exist_ok=True)
    (content / "id").mkdir(parents=True, exist_ok=True)
    (content / "pt" / "latin1.md").write_bytes("Title: Notícia\n\nTexto em Latin-1: ação\n".encode("latin-1"))
    (content / "pt" / "folder.md").mkdir()
    (content / "id" / "broken.md").symlink_to(content / "id" / "missing.md")
    return {"pt/latin1.md": "cannot read: not valid UTF-8 at line 1 (byte 0xed)",
            "pt/folder.md": "cannot read: is a folder, not a markdown file",
            "id/broken.md": "cannot read: no such file (a broken link?)"}


def assert_named(err, content, problems):
    for name, reason in problems.items():
        assert f"failed: {content / name}: {reason}" in err, err
    assert "Traceback" not in err


def test_unreadable_files_in_content_are_named_and_the_import_goes_on(tmp_path, capsys):
    # Before: the first one raised out of scan_content (UnicodeDecodeError, IsADirectoryError): nothing imported.
    content = tmp_path / "content"
    problems = unreadable_files(content)
    latin1 = (content / "pt" / "latin1.md").read_bytes()
    assert run("import", *sorted(SEEDS.glob("*.txt")), "--content", content, "--date", "2025-01-03") == 1
    captured = capsys.readouterr()
    assert_named(captured.err, content, problems)
    assert "2 imported, 0 updated, 0 unchanged, 0 skipped, 3 failed; 1 paired" in captured.out
    assert (content / "pt" / "latin1.md").read_bytes() == latin1
    assert sorted(meta["lang"] for meta, _ in stored(content).values()) == ["id", "pt"]


def test_unreadable_files_in_content_are_named_and_pairing_goes_on(tmp_path, capsys):
    content = tmp_path / "content"
    problems = unreadable_files(content)
    for name, lang in (("launch-pt", "pt"), ("launch-id", "id")):
        body = (SAMPLES / f"{name}.txt").read_text("utf-8").split("\n\n", 1)[1]
        write_article(content, lang, name, title=name, body=body, date="2025-02-18 10:00")
    assert run("pair", "--content", content) == 1
    captured = capsys.readouterr()
    assert_named(captured.err, content, problems)
    keys = {meta.get("translation_key") for meta, _ in stored(content).values()}
    assert len(keys) == 1 and None not in keys


def test_a_stored_article_linking_out_of_content_is_not_read_nor_rewritten(tmp_path, capsys):
    # Before: pairing read it and replaced the link with a copy carrying a key; no message, exit 0.
    content, outside = tmp_path / "content", tmp_path / "outside"
    body = (SAMPLES / "launch-id.txt").read_text("utf-8").split("\n\n", 1)[1]
    write_article(outside, "id", "launch-id", title="launch-id", body=body, date="2025-02-18 10:00")
    (content / "id").mkdir(parents=True)
    (content / "id" / "launch-id.md").symlink_to(outside / "id" / "launch-id.md")
    body = (SAMPLES / "launch-pt.txt").read_text("utf-8").split("\n\n", 1)[1]
    write_article(content, "pt", "launch-pt", title="launch-pt", body=body, date="2025-02-18 10:00")
    assert run("pair", "--content", content) == 1
    err = capsys.readouterr().err
    assert f"{content / 'id' / 'launch-id.md'}: cannot read: is a link to" in err
    assert "outside the content folder" in err
    assert (content / "id" / "launch-id.md").is_symlink()
    assert "Translation_Key" not in (outside / "id" / "launch-id.md").read_text("utf-8")


@pytest.mark.parametrize("name, data, reason", [
    ("nul.md", b"Title: x\n\n\x00\x00body", "binary data"),
    ("latin1.md", "Título: ação".encode("latin-1"), "not valid UTF-8"),
    ("only-script.md", b"Title: x\nLang: pt\n\n<script>alert(1)</script>\n", "no article text left"),
    ("lang.md", b"Title: x\nLang: ../pt\n\nTexto.\n", "Lang '../pt' is not a site language"),
    ("nothing.html", b"<html><body><script>x</script></body></html>", "HTML without article paragraphs"),
])
def test_every_bad_file_is_named_with_its_reason(tmp_path, capsys, name, data, reason):
    source = tmp_path / name
    source.write_bytes(data)
    assert run("import", source, "--content", tmp_path / "content") == 1
    err = capsys.readouterr().err
    assert f"failed: {source}: " in err and reason in err and "Traceback" not in err


def test_a_file_in_content_that_cannot_be_read_is_never_overwritten(tmp_path, capsys):
    content = tmp_path / "content"
    (content / "pt").mkdir(parents=True)
    target = content / "pt" / "xai-lanca-o-grok-3-e-diz-que-superou-rivais-em-testes-de.md"
    target.write_bytes(b"\xff\xfe not utf-8")
    shutil.copy(SAMPLES / "launch-pt.txt", tmp_path / "launch-pt.txt")
    assert run("import", tmp_path / "launch-pt.txt", "--content", content, "--date", "2025-02-18") == 1
    assert target.read_bytes() == b"\xff\xfe not utf-8"
    assert "pt/xai-lanca-o-grok-3-e-diz-que-superou-rivais-em-testes-de-2.md" in stored(content)


def test_imported_files_are_as_readable_as_any_file_the_editor_saves(tmp_path):
    content = tmp_path / "content"
    assert run("import", SAMPLES / "launch-pt.txt", "--content", content, "--date", "2025-02-19") == 0
    (written,) = content.rglob("*.md")
    mask = os.umask(0)
    os.umask(mask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~mask


def test_stray_control_characters_are_dropped_so_the_story_builds(tmp_path, build_site):
    inbox, content = tmp_path / "inbox", tmp_path / "content"
    inbox.mkdir()
    (inbox / "sino.txt").write_text(f"Casas populares\x07 em todas as capitais\n\n{LEDE_PT}\x08\x0cSegunda página.\n")
    assert run("import", inbox, "--content", content, "--lang", "pt", "--date", "2025-01-03") == 0
    (path,) = content.rglob("*.md")
    text = path.read_text("utf-8")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    assert "Casas populares em todas as capitais" in text and "Segunda página." in text
    site = build_site(content)  # feeds are XML 1.0: a control character would stop the build
    assert "Casas populares" in (site.output / "pt/feeds/atom.xml").read_text("utf-8")
