"""Photos on the built pages: files written and referenced, <picture> markup, head metadata,
JSON-LD crops, a translation reusing its partner's photo, body figures, listing thumbnails, sitemap."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from photo_support import (SITE, draw_jpeg, draw_png_with_alpha, draw_rotated_jpeg, has_exif, local_file,
                           photo_fields, pixel_size, srcset_urls)
from support import build, dangerous, write_article

PT = "/pt/2025/01/porto/"
ID = "/id/2025/01/pelabuhan/"
FEIRA = "/pt/2025/01/feira/"
HOSTILE_ALT = 'Barcos <b>no</b> porto & "cais" <script>alert(1)</script>'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A published build (absolute SITEURL): a translated story with a lead photo and a body image,
    a bundle photo narrower than the largest width, a phone photo turned by EXIF, stories without."""
    root = tmp_path_factory.mktemp("photos")
    content = root / "content"
    draw_jpeg(content / "images" / "harbour.jpg")
    draw_jpeg(content / "images" / "market.jpg", scene="market.jpg")
    draw_png_with_alpha(content / "pt" / "stall.png", (1000, 700))
    draw_rotated_jpeg(content / "images" / "phone.jpg", stored=(1300, 1950))
    write_article(content, "pt", "porto", title="Porto", key="porto", date="2025-01-03 10:00", category="Cidades",
                  extra=photo_fields("harbour.jpg", HOSTILE_ALT, "O porto <i>ao</i> amanhecer", "Ana Lima"),
                  body='Primeiro parágrafo.\n\n![Bancas do mercado ao meio-dia](market.jpg "Bancas ao meio-dia")\n\n'
                       'Texto com ![uma banca](market.jpg) no meio.')
    write_article(content, "id", "pelabuhan", title="Pelabuhan", key="porto", date="2025-01-03 10:00",
                  extra=photo_fields(alt="Perahu di pelabuhan"))
    write_article(content, "pt", "feira", title="Feira", date="2025-01-02 10:00", category="Cidades",
                  extra=photo_fields("./stall.png", "Uma banca azul"))
    write_article(content, "pt", "telefone", title="Telefone", date="2025-01-01 10:00", category="Cidades",
                  extra=photo_fields("phone.jpg", "Foto de telefone"))
    write_article(content, "pt", "sem-foto", title="Sem foto", date="2024-12-31 10:00", category="Cidades")
    output = root / "output"
    build(content, output, SITEURL=SITE, PHOTOS_CACHE_PATH=str(root / "cache"))
    return output


def page(site, url):
    from bs4 import BeautifulSoup
    return BeautifulSoup((site / url.lstrip("/") / "index.html").read_text("utf-8"), "html.parser")


def lead(site, url):
    return page(site, url).select_one("figure.story__photo")


def test_lead_photo_is_a_picture_with_sources_srcset_sizes_and_dimensions(site):
    figure = lead(site, PT)
    sources = figure.select("picture > source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    img = figure.select_one("picture > img")
    for element, widths in [*((s, [480, 800, 1200, 1600]) for s in sources), (img, [800, 1600])]:
        assert element["sizes"]
        candidates = srcset_urls(element["srcset"])
        assert [w for _, w in candidates] == widths  # JPEG, the fallback: the <img> width and the largest
        for url, width in candidates:
            file = local_file(site, url)
            assert file.is_file(), url
            assert pixel_size(file)[0] == width  # the descriptor is the file's real width
    fallback = local_file(site, img["src"])
    assert img["src"].endswith(".jpg") and pixel_size(fallback) == (int(img["width"]), int(img["height"]))
    assert (int(img["width"]), int(img["height"])) == (800, 533)  # the 3:2 source's ratio: no layout shift


def test_files_are_content_named_and_carry_no_metadata(site):
    files = sorted((site / "images").iterdir())
    assert all(re.fullmatch(r"[a-z0-9-]+\.[0-9a-f]{12}\.(\d+|16x9-\d+|4x3-\d+|1x1-\d+)\.(avif|webp|jpg)", f.name)
               for f in files), [f.name for f in files]
    phone = [f for f in files if f.name.startswith("phone.") and f.suffix == ".jpg"]
    assert phone and not any(has_exif(f) for f in phone)  # no GPS position, no camera data
    originals = [p for name in ("harbour.jpg", "market.jpg", "phone.jpg", "stall.png") for p in site.rglob(name)]
    assert originals == []  # the sources themselves are never published


def test_the_lead_photo_is_fetched_first_and_body_images_lazily(site):
    article = page(site, PT)
    lead_img = article.select_one("figure.story__photo img")
    assert lead_img["fetchpriority"] == "high" and not lead_img.has_attr("loading")
    body_imgs = article.select(".story__body img")
    assert len(body_imgs) == 2 and all(img["loading"] == "lazy" and not img.has_attr("fetchpriority") for img in body_imgs)


def test_alt_caption_and_credit_are_shown_as_text(site):
    figure = lead(site, PT)
    assert figure.select_one("img")["alt"] == HOSTILE_ALT
    assert figure.select_one("figcaption .story__photo-caption").get_text() == "O porto <i>ao</i> amanhecer"
    assert "Ana Lima" in figure.select_one("figcaption .story__photo-credit").get_text()
    assert figure.select("b, i, script") == [] and dangerous(str(figure)) == []  # typed markup stays text
    assert "<script>alert" not in (site / PT.lstrip("/") / "index.html").read_text("utf-8")


def test_a_body_image_alone_in_its_paragraph_is_a_figure_with_its_caption(site):
    body = page(site, PT).select_one(".story__body")
    figure = body.select_one("figure")
    assert figure.select_one("picture img")["alt"] == "Bancas do mercado ao meio-dia"
    assert figure.select_one("figcaption").get_text(strip=True) == "Bancas ao meio-dia"
    inline = body.select("p picture img")  # inside running text: a picture, no figure
    assert len(inline) == 1 and inline[0]["alt"] == "uma banca"
    for img in body.select("img"):
        assert local_file(site, img["src"]).is_file() and img["width"] and img["height"]


def test_head_has_og_image_of_at_least_1200_px_and_twitter_card(site):
    head = page(site, PT).head
    meta = {m.get("property") or m.get("name"): m["content"] for m in head.select("meta[content]")}
    assert meta["og:image"].startswith(SITE + "/images/")
    file = local_file(site, meta["og:image"])
    assert file.is_file()
    width, height = pixel_size(file)
    assert width >= 1200 and (width, height) == (int(meta["og:image:width"]), int(meta["og:image:height"]))
    assert meta["og:image:alt"] == HOSTILE_ALT
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["robots"] == "max-image-preview:large"


def test_json_ld_image_lists_absolute_16x9_4x3_and_1x1_crops_that_exist(site):
    data = json.loads(page(site, PT).select_one('script[type="application/ld+json"]').string)
    ratios = []
    for url in data["image"]:
        assert url.startswith(SITE + "/images/")
        width, height = pixel_size(local_file(site, url))
        assert width >= 1200
        ratios.append(round(width / height, 2))
    assert ratios == [round(16 / 9, 2), round(4 / 3, 2), 1.0]


def test_a_translation_without_image_shows_its_partners_photo_from_the_same_files(site):
    pt, id_ = page(site, PT), page(site, ID)
    og = lambda p: p.select_one('meta[property="og:image"]')["content"]  # noqa: E731
    assert og(pt) == og(id_)
    assert json.loads(id_.select_one('script[type="application/ld+json"]').string)["image"] == \
        json.loads(pt.select_one('script[type="application/ld+json"]').string)["image"]
    assert id_.select_one("figure.story__photo img")["srcset"] == pt.select_one("figure.story__photo img")["srcset"]
    # One photo, processed once: one set of files for both editions.
    harbour = [f.name for f in (site / "images").iterdir() if f.name.startswith("harbour.")]
    assert len(harbour) == 13 and len({name.split(".")[1] for name in harbour}) == 1
    # The Indonesian alt text is its own; the caption it lacks is the Portuguese one, marked so.
    img = id_.select_one("figure.story__photo img")
    assert img["alt"] == "Perahu di pelabuhan" and not img.has_attr("lang")
    assert id_.select_one(".story__photo-caption")["lang"] == "pt"


def test_listing_cards_have_thumbnails_the_first_not_lazy(site):
    listing = page(site, "/pt/categoria/cidades/")
    thumbnails = [card.select_one(".story-card__photo img") for card in listing.select("article.story-card")]
    assert [t is not None for t in thumbnails] == [True, True, True, False]  # "Sem foto" has none
    assert not thumbnails[0].has_attr("loading") and not thumbnails[0].has_attr("fetchpriority")
    assert all(t["loading"] == "lazy" for t in thumbnails[1:3])
    for thumbnail in thumbnails[:3]:
        assert thumbnail["sizes"] and thumbnail["width"] and thumbnail["height"] and thumbnail["alt"]
        assert all(local_file(site, url).is_file() for url, _ in srcset_urls(thumbnail["srcset"]))
    # A thumbnail's slot is at most 11rem: no file over 800 px wide is offered for it.
    offered = [w for card in listing.select(".story-card__photo") for s in card.select("[srcset]")
               for _, w in srcset_urls(s["srcset"])]
    assert offered and max(offered) <= 800 and 480 in offered


def test_the_front_pages_lead_story_shows_its_photo_large_and_fetched_first(site):
    home = page(site, "/pt/")
    lead = home.select_one(".story-card--lead .story-card__photo--lead img")
    assert lead is not None and lead["fetchpriority"] == "high" and not lead.has_attr("loading")
    assert lead["alt"] == HOSTILE_ALT
    others = home.select("article.story-card:not(.story-card--lead) .story-card__photo img")
    assert others and all(img["loading"] == "lazy" for img in others)


def test_a_narrow_photo_is_published_at_the_widths_it_has_and_laid_on_white(site):
    figure = lead(site, FEIRA)
    assert [w for _, w in srcset_urls(figure.select_one("source")["srcset"])] == [480, 800, 1000]
    img = figure.select_one("img")
    assert [w for _, w in srcset_urls(img["srcset"])] == [800, 1000]
    assert not list((site / "images").glob("stall.*.1200.*")) and not list((site / "images").glob("stall.*.1600.*"))
    with Image.open(local_file(site, img["src"])) as jpeg:
        assert jpeg.mode == "RGB" and jpeg.getpixel((0, 0)) == (255, 255, 255)  # the transparent corner


def test_a_phone_photo_stands_up_as_its_exif_orientation_says(site):
    img = lead(site, "/pt/2025/01/telefone/").select_one("img")
    width, height = int(img["width"]), int(img["height"])
    assert width > height  # stored 1300 x 1950, turned 90 degrees


def test_sitemap_lists_each_pages_photos_under_its_url(site):
    text = (site / "sitemap.xml").read_text("utf-8")
    assert 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"' in text
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "i": "http://www.google.com/schemas/sitemap-image/1.1"}
    images = {url.findtext("s:loc", namespaces=ns): [loc.text for loc in url.findall("i:image/i:loc", ns)]
              for url in ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)}
    pt, id_ = images[SITE + PT], images[SITE + ID]
    assert len(pt) == 2 and id_ == pt[:1]  # the lead, then the body's market photo (listed once)
    assert all(local_file(site, url).is_file() and pixel_size(local_file(site, url))[0] == 1600 for url in pt)
    assert images[SITE + "/pt/"] == []  # listings are not where photos are published


def test_pages_keep_the_content_security_policy(site):
    csp = page(site, PT).select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "img-src 'self'" in csp
