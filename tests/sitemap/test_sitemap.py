import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(site):
    root = ET.parse(site.output / "sitemap.xml").getroot()
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_every_page(sample_site):
    written = {
        "/" + str(p.parent.relative_to(sample_site.output)).replace(".", "") + "/"
        for p in sample_site.output.rglob("index.html")
    }
    written = {url.replace("//", "/") for url in written}
    assert set(sitemap_entries(sample_site)) == written


def test_both_article_pages_have_alternates_matching_their_heads(sample_site):
    entries = sitemap_entries(sample_site)
    pt = "/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/"
    id_ = "/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/"
    expected = {"pt": pt, "id": id_, "x-default": "/"}
    assert entries[pt] == expected
    assert entries[id_] == expected
    for url, alternates in entries.items():
        head = {l["hreflang"]: l["href"] for l in sample_site.html(url).select("link[hreflang]")}
        assert head == alternates, url


def test_publish_build_uses_absolute_locations(content_dir, build_site):
    from support import write_article

    write_article(content_dir, "pt", "a", title="A", key="k")
    write_article(content_dir, "id", "b", title="B", key="k")
    entries = sitemap_entries(build_site(content_dir, SITEURL="https://news.example.org"))
    assert all(loc.startswith("https://news.example.org/") for loc in entries)
    assert entries["https://news.example.org/pt/2025/01/a/"]["id"] == "https://news.example.org/id/2025/01/b/"


def test_sitemap_attributes_are_quoted_as_quoteattr_quotes_them():
    """The sitemap's fast quoting of URLs and language codes agrees with the standard library's."""
    from xml.sax.saxutils import quoteattr

    from sitemap import attribute

    for value in ("/pt/notícia/", "https://ex.org/a?b=1&c=<2>", 'x"y', "x'y", "x\"y'z", "a\tb\nc\rd", "", "x-default"):
        assert attribute(value) == quoteattr(value)
