"""Hold article bodies and summaries to the news-markup allow-list at build time (SANITIZE_ARTICLE_HTML).

Imported articles were already cleaned by the importer with the same policy; hand-written ones
are editors' markup, trusted, but still cleaned unless the setting is switched off. The theme's
Content-Security-Policy is the second line of defence either way.
"""

from __future__ import annotations

from pelican import signals

from .policy import clean_html

SETTING = "SANITIZE_ARTICLE_HTML"


def incremental_build(settings):
    """plugins/incremental's build, whose memo holds the last build's cleaning of each text; None
    when builds are not incremental."""
    try:  # that plugin is loaded after this one (PLUGINS order), and only when it is enabled
        from incremental.state import STATE
    except ImportError:
        return None
    return settings.get(STATE)


def sanitize_content(content) -> None:
    """Clean the rendered body and a Summary given in the metadata, as soon as Pelican reads them."""
    if not content.settings.get(SETTING, True):
        return
    build = incremental_build(content.settings)
    clean = clean_html if build is None else lambda html: build.memo.apply("markup_policy", clean_html, html)
    content._content = clean(content._content or "")
    if "summary" in content.metadata:
        content.metadata["summary"] = content._summary = clean(content.metadata["summary"] or "")


def register() -> None:
    signals.content_object_init.connect(sanitize_content)
