"""A story's URL is what Pelican's own url_format gives ARTICLE_URL, whatever the format names."""

import pytest
from pelican.contents import Article
from pelican.settings import read_settings
from pelican.urlwrappers import Author, Category
from pelican.utils import SafeDatetime

from editions.languages import editions_from_settings
from editions.story_urls import story_url
from editions.times import local
from support import ROOT

FORMATS = [
    "{date:%Y}/{date:%m}/{slug}/",
    "{date:%Y}/{date:%-d}/{date:%H%M}/{slug}.html",
    "{date:%a %d %B %Y}/{date:%j-%U-%W}/{slug}/",
    "{category}/{author}/{lang}/{path}/",
    "{date!s}/{date.year}/{date}/{title}/{translation_key}/",
    "{date:%Y-%m-%dT%H:%M:%S%z}/",
]


@pytest.fixture(scope="module")
def setup():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return settings, {e.code: e for e in editions_from_settings(settings)}


def article(settings, slug, date, **metadata):
    return Article("<p>x</p>", metadata={"title": f"T {slug}", "slug": slug, "date": date, "lang": "pt",
                                         "category": Category("Economia", settings),
                                         "author": Author("Ana Lima", settings),
                                         "translation_key": f"k-{slug}", **metadata},
                   settings=settings, source_path=f"{settings['PATH']}/pt/{slug}.md", context={})


def pelicans(story, edition, url_format):
    """Pelican's own answer: ARTICLE_URL formatted with url_format, the date on the edition's clock."""
    return edition.article_url(url_format.format(**{**story.url_format, "date": local(story.date, edition)}))


@pytest.mark.parametrize("url_format", FORMATS)
def test_the_url_is_pelicans_own_format_of_the_setting(setup, url_format):
    settings, editions = setup
    days: dict = {}  # kept across stories, as one build keeps it
    stories = [  # two stories of one day at different hours, one of the next day, one across midnight UTC
        article(settings, "a", SafeDatetime(2025, 3, 1, 9, 5)),
        article(settings, "b", SafeDatetime(2025, 3, 1, 23, 40)),
        article(settings, "c", SafeDatetime(2025, 3, 2, 0, 1)),
        article(settings, "d", SafeDatetime.fromisoformat("2025-03-01T01:00:00+00:00")),
    ]
    urls = [story_url(story, editions["pt"], url_format, days) for story in stories]
    assert urls == [pelicans(story, editions["pt"], url_format) for story in stories]
    assert len(set(urls)) == len(urls)  # every story its own: nothing of one leaks into the next


def test_a_field_the_story_lacks_is_a_key_error_naming_it(setup):
    settings, editions = setup
    with pytest.raises(KeyError, match="subtitle"):
        story_url(article(settings, "a", SafeDatetime(2025, 3, 1, 9, 5)), editions["pt"], "{subtitle}/{slug}/")
