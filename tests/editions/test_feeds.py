"""One Atom and one RSS feed per language, with the language marked and stable entry ids."""

import feedparser

from support import ROOT, write_article


def sample_stories(lang):
    """(date, title) of content/<lang>/*.md, newest first, read from the files' own fields."""
    stories = []
    for path in (ROOT / "content" / lang).glob("*.md"):
        fields = dict(line.split(": ", 1) for line in path.read_text("utf-8").split("\n\n")[0].splitlines())
        stories.append((fields["Date"], fields["Title"]))
    return sorted(stories, reverse=True)


def test_each_language_has_atom_and_rss_feeds_of_its_own_stories(sample_site):
    for lang in ("pt", "id"):
        expected = [title for _, title in sample_stories(lang)]
        assert len(expected) >= 6
        for kind in ("atom", "rss"):
            feed = feedparser.parse(str(sample_site.output / lang / "feeds" / f"{kind}.xml"))
            assert not feed.bozo, feed.bozo_exception
            assert feed.feed.language == lang
            assert [e.title for e in feed.entries] == expected
            assert all(e.link.startswith(f"/{lang}/2025/") for e in feed.entries)


def test_feed_entry_id_survives_an_edit_of_title_and_slug(content_dir, build_site):
    path = write_article(content_dir, "pt", "primeiro", title="Primeiro título", key="story-7")
    before = feedparser.parse(str(build_site(content_dir).output / "pt/feeds/atom.xml")).entries[0]
    path.unlink()
    write_article(content_dir, "pt", "segundo", title="Título corrigido", key="story-7",
                  extra="\nModified: 2025-01-04 10:00")
    after = feedparser.parse(str(build_site(content_dir).output / "pt/feeds/atom.xml")).entries[0]
    assert after.title == "Título corrigido"
    assert after.id == before.id
    assert after.updated_parsed > before.updated_parsed


def test_feeds_are_limited_and_newest_first(content_dir, build_site):
    for n in range(5):
        write_article(content_dir, "id", f"b{n}", title=f"Berita {n}", date=f"2025-01-0{n + 1} 08:00")
    feed = feedparser.parse(str(build_site(content_dir, FEED_MAX_ITEMS=3).output / "id/feeds/rss.xml"))
    assert [e.title for e in feed.entries] == ["Berita 4", "Berita 3", "Berita 2"]
