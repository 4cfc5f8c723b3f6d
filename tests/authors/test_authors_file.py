"""The authors files (content/authors/<lang>.toml): a malformed one stops the build with a message
naming the file and the field, and no traceback; an author no story names is fine."""

import subprocess
import sys

import pytest
from PIL import Image

from authors_site import write_authors
from support import ROOT, build, write_article
from validation.problems import BuildFailed


def problems_of(content, tmp_path) -> list[str]:
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "output")
    return [str(p) for p in failure.value.problems]


@pytest.mark.parametrize("text, expected", [
    ('[ana-lima\nname = "Ana"\n', "content/authors/pt.toml: TOML: Expected ']' at the end of a table declaration (at line 1"),
    ('[ana-lima]\nname = 3\n', "content/authors/pt.toml: ana-lima.name: expected a string, found an integer"),
    ('[ana-lima]\nname = "Ana"\nsame_as = "https://example.org/ana"\n',
     "content/authors/pt.toml: ana-lima.same_as: expected an array of strings, found a string"),
    ('[ana-lima]\nname = "Ana"\nsame_as = ["javascript:alert(1)"]\n',
     "content/authors/pt.toml: ana-lima.same_as: item 1: 'javascript:alert(1)' is not an absolute http(s) URL"),
    ('[ana-lima]\nname = "Ana"\nbio = "Repórter <b>premiada</b>."\n',
     "content/authors/pt.toml: ana-lima.bio: contains markup ('<b>premiada</b>.'); write the bio as plain text"),
    ('[ana-lima]\nname = "Ana"\nbio = "Hi<!-- x -->"\n', "content/authors/pt.toml: ana-lima.bio: contains markup"),
    ('[ana-lima]\nname = "<script>x</script>"\n', "content/authors/pt.toml: ana-lima.name: contains markup"),
    ('[ana-lima]\nname = "Ana"\nbio = "' + "palavra " * 80 + '"\n',
     "content/authors/pt.toml: ana-lima.bio: 639 characters long; keep a bio to 500"),
    ('[ana-lima]\nbio = "Repórter."\n', "content/authors/pt.toml: ana-lima.name: missing"),
    ('[ana-lima]\nname = "Ana"\nbios = "Repórter."\n', "content/authors/pt.toml: ana-lima.bios: unknown field"),
    ('[ana-lima]\nname = "Ana"\ntype = "Robot"\n', "content/authors/pt.toml: ana-lima.type: 'Robot' is not one of Person, Organization"),
    ('ana-lima = "Ana Lima"\n', "content/authors/pt.toml: ana-lima: expected a table ([ana-lima] with name = \"…\"), found a string"),
    ('["Ana Lima"]\nname = "Ana Lima"\n',
     "content/authors/pt.toml: 'Ana Lima': the key is not an author slug: write the key as it appears in URLs, [ana-lima]"),
    ('["../../x"]\nname = "X"\n', "content/authors/pt.toml: '../../x': the key is not an author slug"),
    ('[ana-lima]\nname = "Ana"\nphoto = "../../etc/passwd"\n',
     "content/authors/pt.toml: ana-lima.photo: '../../etc/passwd' leads out of the content folder"),
    ('[ana-lima]\nname = "Ana"\nphoto = "/etc/passwd"\n',
     "content/authors/pt.toml: ana-lima.photo: '/etc/passwd' is not a relative path inside the content folder"),
    ('[ana-lima]\nname = "Ana"\nphoto = "https://example.org/ana.jpg"\n',
     "content/authors/pt.toml: ana-lima.photo: 'https://example.org/ana.jpg' is not a relative path"),
    ('[ana-lima]\nname = "Ana"\nphoto = "images/ana.jpg"\n',
     "content/authors/pt.toml: ana-lima.photo: 'images/ana.jpg': no such file in the content folder"),
])
def test_a_malformed_authors_file_names_file_and_field(content_dir, tmp_path, text, expected):
    write_article(content_dir, "pt", "x", title="Nota", extra="\nAuthors: Ana Lima")
    write_authors(content_dir, "pt", text)
    problems = problems_of(content_dir, tmp_path)
    assert any(expected in p for p in problems), problems
    assert not (tmp_path / "output").exists()


def test_an_authors_file_that_is_not_utf8_is_named(content_dir, tmp_path):
    write_article(content_dir, "id", "x", title="Berita")
    (content_dir / "authors").mkdir()
    (content_dir / "authors" / "id.toml").write_bytes(b'[ana]\nname = "Ana\xe9"\n')
    assert any("content/authors/id.toml: file: not valid UTF-8 at line 2 (byte 0xe9)" in p
               for p in problems_of(content_dir, tmp_path))


def test_an_authors_file_linking_out_of_the_content_folder_is_refused(content_dir, tmp_path):
    outside = tmp_path / "secret.toml"
    outside.write_text('[ana]\nname = "Ana"\n')
    write_article(content_dir, "pt", "x", title="Nota")
    (content_dir / "authors").mkdir()
    (content_dir / "authors" / "pt.toml").symlink_to(outside)
    assert any("content/authors/pt.toml: file: leads out of the content folder" in p
               for p in problems_of(content_dir, tmp_path))


def test_every_problem_of_every_file_is_listed_at_once(content_dir, tmp_path):
    write_article(content_dir, "pt", "x", title="Nota")
    write_authors(content_dir, "pt", '[a]\nname = 1\n[b]\nname = "B"\nbio = "<i>x</i>"\n')
    write_authors(content_dir, "id", "[c\n")
    problems = problems_of(content_dir, tmp_path)
    for expected in ("pt.toml: a.name:", "pt.toml: b.bio:", "id.toml: TOML:"):
        assert any(expected in p for p in problems), problems


def test_a_valid_file_with_a_photo_inside_content_and_an_unused_author_builds(content_dir, build_site):
    (content_dir / "images").mkdir()
    Image.new("RGB", (600, 600), (90, 120, 160)).save(content_dir / "images" / "ana.jpg")  # published by plugins/photos
    write_authors(content_dir, "pt", '[ana-lima]\nname = "Ana Lima"\nphoto = "images/ana.jpg"\n'
                                     '[ninguem]\nname = "Ninguém"\nbio = "Nenhuma história."\ntype = "Organization"\n')
    write_article(content_dir, "pt", "x", title="Nota", extra="\nAuthors: Ana Lima")
    site = build_site(content_dir)
    assert site.exists("/pt/autor/ana-lima/") and not site.exists("/pt/autor/ninguem/")


def test_an_authors_file_of_another_language_is_a_warning_only(content_dir, build_site, caplog):
    write_article(content_dir, "pt", "x", title="Nota", extra="\nAuthors: Ana Lima")
    write_authors(content_dir, "fr", '[ana-lima]\nname = "Ana Lima"\n')
    site = build_site(content_dir)
    assert site.exists("/pt/autor/ana-lima/")
    assert "content/authors/fr.toml: file: 'fr' is not a site language (pt, id); not read" in caplog.text


def test_the_command_line_exits_1_without_a_traceback(content_dir, tmp_path):
    write_article(content_dir, "pt", "x", title="Nota", extra="\nAuthors: Ana Lima")
    write_authors(content_dir, "pt", '[ana-lima]\nname = "Ana"\nbio = "<script>alert(1)</script>"\n')
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content_dir), "-o", str(tmp_path / "output"), "-s", "pelicanconf.py"],
        cwd=ROOT, capture_output=True, text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "content/authors/pt.toml: ana-lima.bio: contains markup" in output
    assert "Traceback" not in output
