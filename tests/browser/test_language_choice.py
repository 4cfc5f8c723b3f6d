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
