"""What an editor sees when a photo is wrong: one line naming the file and the field, a non-zero
exit for an error (nothing published), a warning for a photo narrower than the largest width,
and never a traceback. Built with the command `make html` runs."""

from __future__ import annotations

import os

import pytest

from photo_support import draw_jpeg, pelican_cli, photo_fields
from support import write_article


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    draw_jpeg(folder / "images" / "harbour.jpg")
    return folder


def run(content, tmp_path):
    result = pelican_cli(content, tmp_path / "output", tmp_path / "cache")
    return result, " ".join((result.stdout + result.stderr).split())


def broken_jpeg(path):
    draw_jpeg(path)
    path.write_bytes(path.read_bytes()[:4000])  # a header, then nothing: an upload cut short


ERRORS = [
    # (what, article fields, body, files to make, field named, words of the message)
    ("missing file", photo_fields("nowhere.jpg", "Um porto"), "", None, "Image",
     "'nowhere.jpg': no such file (looked in content/pt/ and content/images/)"),
    ("missing alt text", photo_fields("harbour.jpg"), "", None, "Image_Alt", "missing: describe what the photo shows"),
    ("empty alt text", "\nImage: harbour.jpg\nImage_Alt:", "", None, "Image_Alt", "empty"),
    ("not an image", photo_fields("notes.jpg", "Notas"), "", "notes", "Image", "not an image file this site can publish"),
    ("cut-short JPEG", photo_fields("cut.jpg", "Um porto"), "", "cut", "Image", "'cut.jpg': cannot be decoded"),
    ("parent folders", photo_fields("../../etc/passwd", "x"), "", None, "Image", "contains '..'"),
    ("absolute path", photo_fields("/etc/passwd", "x"), "", None, "Image", "absolute path"),
    ("URL", photo_fields("https://example.com/x.jpg", "x"), "", None, "Image", "is a URL"),
    ("link out", photo_fields("evil.jpg", "x"), "", "link", "Image", "leads out of the content folder"),
    ("body image without alt", "", "![](harbour.jpg)", None, "body", "image 'harbour.jpg' has no alt text"),
    ("body image missing", "", '![Um porto](nowhere.jpg "Legenda")', None, "body", "image 'nowhere.jpg': no such file"),
    ("body image out", "", "![x](../../../../etc/passwd)", None, "body", "image '../../../../etc/passwd' contains '..'"),
]


@pytest.mark.parametrize("what, fields, body, make, field, message", ERRORS, ids=[e[0] for e in ERRORS])
def test_a_photo_error_stops_the_build_naming_file_and_field(content, tmp_path, what, fields, body, make, field, message):
    if make == "notes":
        (content / "images" / "notes.jpg").write_text("Meeting notes, not a photo.\n")
    elif make == "cut":
        broken_jpeg(content / "images" / "cut.jpg")
    elif make == "link":
        os.symlink("/etc/passwd", content / "images" / "evil.jpg")
    write_article(content, "pt", "porto", title="Porto", extra=fields, body=body or "Texto.")
    result, printed = run(content, tmp_path)
    assert result.returncode != 0, printed
    assert f"content/pt/porto.md: {field}: " in printed and message in printed, printed
    assert "Traceback" not in printed
    assert not (tmp_path / "output" / "pt").exists()  # nothing published
    assert "root:x:0" not in printed  # /etc/passwd itself is never read out


def test_every_photo_problem_is_listed_in_one_run(content, tmp_path):
    write_article(content, "pt", "a", title="A", extra=photo_fields("nowhere.jpg", "x"))
    write_article(content, "pt", "b", title="B", extra=photo_fields("harbour.jpg"))
    write_article(content, "id", "c", title="C", extra=photo_fields("/etc/passwd", "x"))
    result, printed = run(content, tmp_path)
    assert result.returncode != 0
    for line in ("content/pt/a.md: Image: ", "content/pt/b.md: Image_Alt: ", "content/id/c.md: Image: ",
                 "3 problem(s) found"):
        assert line in printed, printed


def test_a_photo_narrower_than_the_largest_width_is_a_warning_and_is_published(content, tmp_path):
    draw_jpeg(content / "images" / "small.jpg", size=(1000, 667))
    write_article(content, "pt", "porto", title="Porto", extra=photo_fields("small.jpg", "Um porto"))
    result, printed = run(content, tmp_path)
    assert result.returncode == 0, printed
    assert ("WARNING: content/pt/porto.md: Image: 'small.jpg' is 1000 px wide, narrower than the largest of "
            "PHOTOS_WIDTHS (1600 px); published at 480, 800, 1000 px") in printed, printed
    assert sorted(p.name.split(".")[2] for p in (tmp_path / "output" / "images").glob("small.*.jpg")) == \
        ["1000", "16x9-1000", "1x1-667", "4x3-889", "800"]


def test_fields_of_a_photo_no_article_names_are_a_warning(content, tmp_path):
    write_article(content, "pt", "porto", title="Porto", extra="\nImage_Alt: Um porto")
    result, printed = run(content, tmp_path)
    assert result.returncode == 0
    assert "content/pt/porto.md: Image_Alt: ignored: neither this article nor a translation names an Image" in printed
