"""An author's `photo` (content/authors/<lang>.toml) on their page in every edition: processed by
plugins/photos like a story's photo, offered at the small widths a portrait needs, the name as alt
text; a file that is not an image stops the build, naming the authors file and field."""

import json
import runpy

import pytest

from authors_site import write_authors
from support import ROOT, build, write_article
from validation.problems import BuildFailed

DRAWING = runpy.run_path(str(ROOT / "tools" / "draw_sample_photos.py"))
ANA = '[ana-lima]\nname = "Ana Lima"\nphoto = "images/people/ana.jpg"\n'


def draw_portrait(path, size=(1000, 1000)):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(DRAWING["draw_photo"](DRAWING["portrait"], path.name, size))


@pytest.fixture(scope="module")
def portrait_site(tmp_path_factory):
    """Ana's photo in the pt file only (the id page shows it too), Budi without one."""
    root = tmp_path_factory.mktemp("author-photos")
    content = root / "content"
    draw_portrait(content / "images" / "people" / "ana.jpg")
    write_authors(content, "pt", ANA + '\n[budi-santoso]\nname = "Budi Santoso"\n')
    write_authors(content, "id", '[ana-lima]\nname = "Ana Lima"\nbio = "Wartawan."\n')
    write_article(content, "pt", "nota", title="Nota", key="nota", extra="\nAuthors: Ana Lima, Budi Santoso")
    write_article(content, "id", "catatan", title="Catatan", key="nota", extra="\nAuthors: Ana Lima, Budi Santoso")
    return build(content, root / "output")


@pytest.mark.parametrize("url", ["/pt/autor/ana-lima/", "/id/penulis/ana-lima/"])
def test_the_author_page_shows_the_photo_in_every_edition(portrait_site, url):
    page = portrait_site.html(url)
    picture = page.select_one(".author-header .author-header__photo picture")
    assert picture is not None
    img = picture.img
    assert img["alt"] == "Ana Lima"
    assert (img["width"], img["height"]) == ("800", "800")
    assert not img.has_attr("loading")  # at the top of the page
    types = [s["type"] for s in picture.select("source")]
    assert "image/webp" in types
    candidates = [c.split() for s in [*picture.select("source"), img] for c in s["srcset"].split(", ")]
    assert {width for _, width in candidates} <= {"480w", "800w"}  # a small slot: no wider file offered
    for file, _ in candidates + [[img["src"], ""]]:
        assert portrait_site.exists(file), file
    person = json.loads(page.select_one('script[type="application/ld+json"]').string)["mainEntity"]
    assert portrait_site.exists(person["image"])


def test_an_author_without_a_photo_shows_none(portrait_site):
    assert portrait_site.html("/pt/autor/budi-santoso/").select_one(".author-header picture") is None


def problems_of(content, tmp_path) -> list[str]:
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "output")
    return [str(p) for p in failure.value.problems]


def test_a_photo_that_is_not_an_image_names_the_authors_file_and_field(content_dir, tmp_path):
    (content_dir / "images" / "people").mkdir(parents=True)
    (content_dir / "images" / "people" / "ana.jpg").write_text("not a photo")
    write_authors(content_dir, "pt", ANA)
    write_article(content_dir, "pt", "x", title="Nota", extra="\nAuthors: Ana Lima")
    problems = problems_of(content_dir, tmp_path)
    assert any(p.startswith("content/authors/pt.toml: ana-lima.photo: 'images/people/ana.jpg'") for p in problems), problems
    assert not (tmp_path / "output").exists()


def test_a_missing_photo_names_the_authors_file_and_field(content_dir, tmp_path):
    write_authors(content_dir, "id", ANA)
    write_article(content_dir, "id", "x", title="Berita", extra="\nAuthors: Ana Lima")
    problems = problems_of(content_dir, tmp_path)
    assert "content/authors/id.toml: ana-lima.photo: 'images/people/ana.jpg': no such file in the content folder" in problems
