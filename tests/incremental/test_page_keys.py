"""Page keys (plugins/incremental/page_keys.py): what a page's template can read decides its key."""

from __future__ import annotations

import threading

from jinja2 import DictLoader, Environment

from incremental.page_keys import Keys

TEMPLATES = {
    "base.html": "<title>{{ SITENAME }}</title>{% block body %}{% endblock %}",
    "listing.html": "{% extends 'base.html' %}{% block body %}{% include 'card.html' %}{% endblock %}",
    "card.html": "{% for a in articles %}{{ a }}{% endfor %} of {{ dates|length }}",
}


def keys(settings: dict | None = None) -> tuple[Keys, Environment]:
    env = Environment(loader=DictLoader(TEMPLATES))
    found = Keys(settings if settings is not None else {"SITENAME": "Diário"})
    found.build_key = "build"
    return found, env


def test_a_shared_name_a_template_reads_through_extends_and_include_is_in_its_key():
    found, env = keys()
    template = env.get_template("listing.html")
    assert found.shared_names(template) >= {"SITENAME", "articles", "dates"}
    before = found.page_key("a.html", template, {"dates": [1, 2]}, {"articles": ["x"]})
    assert found.page_key("a.html", template, {"dates": [1, 2, 3]}, {"articles": ["x"]}) != before
    # a setting is the build key's business, not the page's
    assert found.page_key("a.html", template, {"dates": [1, 2], "SITENAME": "Outro"}, {"articles": ["x"]}) == before


def test_a_list_changed_in_place_between_two_pages_changes_the_key():
    found, env = keys()
    template = env.get_template("card.html")
    shown = ["one", "two"]
    first = found.page_key("a.html", template, {}, {"articles": shown})
    shown.append("three")
    assert found.page_key("a.html", template, {}, {"articles": shown}) != first


class Story:
    def __init__(self, title: str):
        self.title = title


def test_an_object_is_read_by_its_attributes():
    found, env = keys()
    template = env.get_template("card.html")
    story = Story("Chuva")
    first = found.page_key("a.html", template, {}, {"articles": [story]})
    assert found.page_key("a.html", template, {}, {"articles": [Story("Chuva")]}) == first
    assert found.page_key("a.html", template, {}, {"articles": [Story("Sol")]}) != first


def test_the_order_of_a_mapping_is_part_of_the_key():
    found, env = keys()
    template = env.get_template("card.html")
    assert (found.page_key("a.html", template, {}, {"articles": {"pt": 1, "id": 2}})
            != found.page_key("a.html", template, {}, {"articles": {"id": 2, "pt": 1}}))


def test_a_value_with_no_faithful_text_makes_the_page_unkeyable():
    found, env = keys()
    template = env.get_template("card.html")
    assert found.page_key("a.html", template, {}, {"articles": [threading.Lock()]}) is None
    assert "card.html" in found.unkeyable


def test_terms_of_the_same_name_share_a_token_only_while_their_urls_agree():
    from pelican.settings import DEFAULT_CONFIG
    from pelican.urlwrappers import Tag

    settings = {**DEFAULT_CONFIG, "TAG_URL": "tag/{slug}/"}
    found, env = keys(settings)
    template = env.get_template("card.html")
    first = found.page_key("a.html", template, {}, {"articles": [Tag("Chuva", settings)]})
    # another story's object for the same tag
    assert found.page_key("a.html", template, {}, {"articles": [Tag("Chuva", settings)]}) == first
    assert found.page_key("a.html", template, {}, {"articles": [Tag("Sol", settings)]}) != first
    # the same name under other URL settings (not the build's): its own URL is read
    elsewhere = {**settings, "TAG_URL": "tema/{slug}/"}
    assert found.page_key("a.html", template, {}, {"articles": [Tag("Chuva", elsewhere)]}) != first
    # a field besides name and slug, which Pelican's URL format may use
    by_language = {**settings, "TAG_URL": "{lang}/tag/{slug}/"}
    pages, _ = keys(by_language)
    tagged = {}
    for lang in ("pt", "id"):
        tagged[lang] = Tag("Chuva", by_language)
        tagged[lang].lang = lang
    assert pages.page_key("a.html", template, {}, {"articles": [tagged["pt"]]}) != pages.page_key(
        "a.html", template, {}, {"articles": [tagged["id"]]})
