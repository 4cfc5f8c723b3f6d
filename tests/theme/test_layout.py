"""The theme's layout in real Chromium over the sample site: a compact phone header whose sections
scroll sideways, cards that leave their text room, the front page's columns on a wide screen."""

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def sample_url(sample_site, serve):
    return serve(sample_site.output)


@pytest.fixture
def open_page(browser, sample_url):
    contexts = []

    def _open(path, viewport, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(sample_url + path)
        return page

    yield _open
    for context in contexts:
        context.close()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_the_phone_header_is_compact_and_its_sections_scroll_sideways_in_the_tab_order(open_page):
    page = open_page("/pt/", PHONE)
    assert box(page, ".site-header")["height"] <= 120
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]  # nothing sticks out
    row = page.locator(".site-nav ul")
    assert row.evaluate("ul => ul.scrollWidth > ul.clientWidth")  # more sections than fit: a scrolling row
    links = page.locator(".site-nav a")
    assert len({round(link.bounding_box()["y"]) for link in links.all()}) == 1  # one row
    # every section is reachable by keyboard, and comes into view when it gets focus
    last = links.last
    last.focus()
    assert last.evaluate("a => a === document.activeElement")
    visible = last.bounding_box()
    assert visible["x"] >= 0 and visible["x"] + visible["width"] <= PHONE["width"]
    # the search box gives way to a link named "Buscar" on a phone
    assert page.locator(".header-search").is_hidden()
    assert page.get_by_role("link", name="Buscar").is_visible()


def test_on_a_phone_a_cards_thumbnail_sits_beside_its_headline_and_the_summary_has_the_full_width(open_page):
    page = open_page("/pt/categoria/economia/", PHONE)
    card = page.locator(".story-card--photo").first
    photo, title, summary = (card.locator(part).bounding_box() for part in
                             (".story-card__photo", ".story-card__title", ".story-card__summary"))
    assert photo["width"] <= 110 and photo["x"] > title["x"] + title["width"]
    assert summary["y"] >= photo["y"] + photo["height"] and summary["width"] > 300


def test_dates_keep_their_time_on_their_line(open_page):
    page = open_page("/pt/2025/03/preco-do-arroz-cai-pela-segunda-semana/", {"width": 320, "height": 700})
    for time in page.locator("time").all():
        assert time.evaluate("t => t.getClientRects().length") == 1, time.text_content()


def test_on_a_wide_screen_the_lead_has_the_newest_stories_beside_it_and_sections_are_columns(open_page):
    page = open_page("/pt/", DESKTOP)
    lead, recent = box(page, ".front-lead"), box(page, ".front-recent")
    assert recent["x"] > lead["x"] + lead["width"] and abs(recent["y"] - lead["y"]) < 5
    assert lead["width"] > 1.8 * recent["width"]
    cards = [card.bounding_box() for card in page.locator(".front-section").first.locator(".story-card").all()]
    assert len(cards) >= 2 and len({round(c["y"]) for c in cards}) == 1  # side by side
    assert page.locator(".front-recent").is_visible()
    assert open_page("/pt/", PHONE).locator(".front-recent").is_hidden()  # a phone has the blocks below


def test_in_the_dark_scheme_photos_keep_an_edge(open_page):
    dark = open_page("/pt/", PHONE, color_scheme="dark").locator(".story-card__photo img").first
    light = open_page("/pt/", PHONE, color_scheme="light").locator(".story-card__photo img").first
    assert dark.evaluate("img => getComputedStyle(img).outlineColor") != "rgba(0, 0, 0, 0)"
    assert light.evaluate("img => getComputedStyle(img).outlineColor") == "rgba(0, 0, 0, 0)"
