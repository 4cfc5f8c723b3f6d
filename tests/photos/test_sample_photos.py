"""The sample site shows photos drawn by tools/draw_sample_photos.py, never committed."""

import subprocess

from PIL import Image

from photo_support import SCENES, draw_photo
from support import ROOT

PT = "/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/"
ID = "/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/"
SAMPLES = ROOT / "content" / "images" / "samples"


def test_drawing_is_deterministic_and_wide_enough():
    for name, scene in SCENES.items():
        first, second = draw_photo(scene, name), draw_photo(scene, name)
        assert first == second, name
    for path in SAMPLES.glob("*.jpg"):
        with Image.open(path) as image:
            assert image.width >= 1600, path


def test_drawn_photos_are_ignored_by_git():
    drawn = sorted(str(p.relative_to(ROOT)) for p in SAMPLES.glob("*.jpg"))
    assert drawn, "the test session draws them first (tests/conftest.py)"
    ignored = subprocess.run(["git", "check-ignore", *drawn], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert ignored == drawn


def test_the_seed_story_shows_one_photo_in_both_editions_with_alt_text_in_each_language(sample_site):
    pt, id_ = sample_site.html(PT), sample_site.html(ID)
    pt_img, id_img = pt.select_one("figure.story__photo img"), id_.select_one("figure.story__photo img")
    assert pt_img["srcset"] == id_img["srcset"]  # one file, processed once, for both
    assert pt_img["alt"] and id_img["alt"] and pt_img["alt"] != id_img["alt"]
    assert not pt_img.has_attr("lang") and not id_img.has_attr("lang")  # each edition's alt is its own
    assert sample_site.exists(pt_img["src"])
    for page in (pt, id_):
        assert page.select_one('meta[property="og:image"]')["content"].endswith(".16x9-1200.jpg")


def test_the_sample_author_page_shows_the_drawn_portrait_in_both_editions(sample_site):
    for url in ("/pt/autor/beatriz-calado/", "/id/penulis/beatriz-calado/"):
        img = sample_site.html(url).select_one(".author-header__photo picture img")
        assert img["alt"] == "Beatriz Calado" and img["width"] and img["height"]
        assert sample_site.exists(img["src"])
