"""The news-markup allow-list: what HTML an article body or summary may carry, enforced by nh3.

nh3 (Python binding of the Rust crate ammonia) parses like a browser (html5ever) and keeps
only the listed tags, attributes and URL schemes; bleach, the other common choice, has been
deprecated by its maintainers since 2023. One policy serves the importer (imported markdown and
HTML) and the build (`SANITIZE_ARTICLE_HTML`).
"""

from __future__ import annotations

import re

import nh3

# Paragraphs, headings, links, emphasis, lists, quotes, figures and images, tables, and the markup
# Pelican's markdown extensions produce (code blocks with highlighting, footnotes, abbreviations).
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "a", "em", "strong", "b", "i", "u", "s", "mark", "small", "sub", "sup", "abbr", "cite", "q", "dfn",
    "code", "pre", "kbd", "samp", "var", "del", "ins", "time", "span", "div",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "figure", "figcaption", "img",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup",
})
_ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "th": {"colspan", "rowspan", "scope", "headers"},
    "td": {"colspan", "rowspan", "headers"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "abbr": {"title"},
}
# Pelican's markdown extensions mark code highlighting and footnotes with classes.
_CLASSED = ("a", "div", "span", "pre", "code", "sup", "li")
ALLOWED_ATTRIBUTES = {tag: _ATTRIBUTES.get(tag, set()) | ({"class"} if tag in _CLASSED else set())
                      for tag in {*_ATTRIBUTES, *_CLASSED}}
# Links and images may point to the web, mail and phone numbers, or be relative to the site;
# javascript:, data: and every other scheme are removed.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed together with their content, not just unwrapped.
REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed",
                                  "svg", "math", "form", "textarea", "select", "title"})
# Characters XML 1.0 forbids (C0 controls but tab and line ends, lone surrogates, U+FFFE, U+FFFF):
# no feed or sitemap can carry them, and in a page they are parse errors.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def site_images_only(element: str, attribute: str, value: str) -> str | None:
    """An image's source must be on the site: the pages' CSP (img-src 'self') blocks any other, and a
    remote image would tell its host who reads the story."""
    if element == "img" and attribute == "src" and (":" in value.split("/", 1)[0] or value.startswith("//")):
        return None
    return value


# Built once: nh3.clean builds its sanitizer from the lists on every call (~90 µs, most of a
# summary's cleaning and half of a body's); 2 calls per article at every build.
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    attribute_filter=site_images_only,
    link_rel=None,
    strip_comments=True,
)


def clean_html(html: str) -> str:
    """`html` reduced to the news-markup allow-list."""
    return _CLEANER.clean(html)
