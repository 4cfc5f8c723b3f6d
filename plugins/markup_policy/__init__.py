"""Hold article bodies and summaries to the news-markup allow-list at build time (SANITIZE_ARTICLE_HTML).

Imported articles were already cleaned by the importer with the same policy; hand-written ones
are editors' markup, trusted, but still cleaned unless the setting is switched off. The theme's
Content-Security-Policy is the second line of defence either way.
"""

from __future__ import annotations

from pelican import signals

from .policy import clean_html

SETTING = "SANITIZE_ARTICLE_HTML"
# Where plugins/incremental keeps its build in the settings (its state.STATE: this plugin is loaded
# before it, so cannot import it); the build's memo holds the last build's cleaning of each text.
INCREMENTAL_STATE = "_incremental"


def sanitize_content(content) -> None:
    """Clean the rendered body and a Summary given in the metadata, as soon as Pelican reads them."""
    if not content.settings.get(SETTING, True):
        return
    build = content.settings.get(INCREMENTAL_STATE)
    clean = clean_html if build is None else lambda html: build.memo.apply("markup_policy", clean_html, html)
    content._content = clean(content._content or "")
    if "summary" in content.metadata:
        content.metadata["summary"] = content._summary = clean(content.metadata["summary"] or "")


def register() -> None:
    signals.content_object_init.connect(sanitize_content)
