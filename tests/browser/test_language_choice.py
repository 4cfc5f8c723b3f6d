"""The root chooser in real Chromium: plain links, plus forwarding by navigator.languages or a past choice."""

import pytest

PT_ARTICLE = "/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/"


@pytest.fixture(scope="module")
def base_url(sample_site, serve):
    return serve(sample_site.output)


def open_root(browser, base_url, locale, query="", **options):
    context = browser.new_context(locale=locale, **options)
    page = context.new_page()
    page.goto(base_url + "/" + query)
    page.wait_for_load_state("networkidle")
    return context, page


@pytest.mark.parametrize("locale, landing", [("id-ID", "/id/"), ("pt-BR", "/pt/"), ("pt-PT", "/pt/")])
def test_first_visit_goes_to_the_browser_language(browser, base_url, locale, landing):
    context, page = open_root(browser, base_url, locale)
    page.wait_for_url(base_url + landing)
    assert page.locator("html").get_attribute("lang") == landing.strip("/")
    context.close()


def test_unknown_language_stays_on_the_chooser_with_links_to_every_edition(browser, base_url):
    context, page = open_root(browser, base_url, "de-DE")
    assert page.url == base_url + "/"
    links = page.locator(".edition-choice h2 a")
    assert sorted(links.evaluate_all("els => els.map(a => a.getAttribute('href'))")) == ["/id/", "/pt/"]
    context.close()


def test_chooser_works_without_javascript(browser, base_url):
    context, page = open_root(browser, base_url, "id-ID", java_script_enabled=False)
    assert page.url == base_url + "/"
    page.click("a[hreflang=id][data-edition]")
    assert page.url == base_url + "/id/"
    context.close()


def test_choose_query_keeps_the_chooser(browser, base_url):
    context, page = open_root(browser, base_url, "id-ID", query="?choose")
    assert page.url == base_url + "/?choose"
    context.close()


def test_a_language_picked_in_the_switcher_is_remembered(browser, base_url):
    context = browser.new_context(locale="pt-BR")
    page = context.new_page()
    page.goto(base_url + PT_ARTICLE)
    page.click(".language-switcher a[hreflang=id]")
    page.wait_for_url("**/id/2025/01/**")
    page.goto(base_url + "/")
    page.wait_for_url(base_url + "/id/")
    context.close()


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_the_header_is_as_tall_on_an_untranslated_page_and_its_note_shows_on_focus(browser, base_url, width, height):
    """The switcher's note on a page with no Indonesian version does not push the page down; a
    keyboard reader reaching the link sees it."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(base_url + PT_ARTICLE)
    translated = page.locator(".site-header").bounding_box()["height"]
    page.goto(base_url + "/pt/2025/03/nova-ciclovia-liga-o-porto-ao-bairro-alto/")
    header = page.locator(".site-header").bounding_box()["height"]
    assert header == translated
    note = page.locator(".language-switcher__note")
    assert note.evaluate("n => getComputedStyle(n).opacity") == "0"
    page.locator(".language-switcher__fallback").focus()
    page.keyboard.press("Shift+Tab")  # focus by keyboard, so that :focus-visible applies
    page.keyboard.press("Tab")
    assert note.evaluate("n => getComputedStyle(n).opacity") == "1"
    box = note.bounding_box()
    assert box["width"] > 100 and box["x"] >= 0 and box["x"] + box["width"] <= width
    context.close()
