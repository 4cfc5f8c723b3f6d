"""Pelican settings for the development build (`make html`, `make serve`).

Every setting this project adds is documented in README.md ("Settings").
"""

import os
from datetime import timedelta

PROJECT = os.path.dirname(os.path.abspath(__file__))

SITENAME = "Diário Nusantara"
SITEURL = ""  # root-relative links in development; publishconf.py sets the absolute URL
AUTHOR = "Redação"
TIMEZONE = "UTC"

PATH = "content"
# Static pages (About, Contact…): content/pages/<lang>/*.md, one per language version, linked by
# Translation_Key like stories; written at /<prefix>/<slug>/ by plugins/editions.
PAGE_PATHS = ["pages"]
# Translation keys of the pages linked from every page's footer, in this order.
FOOTER_PAGES = ["about", "corrections-policy", "contact", "privacy"]
STATIC_PATHS = []

# Articles are markdown (the importer writes markdown). The HTML reader is off: it would publish
# an .html file's markup as it is (the build refuses such files, naming them). The
# reStructuredText reader is off: it only warns that docutils has no "pt" localization.
READERS = {"rst": None, "html": None, "htm": None}

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# atomic_output first: validation and incremental import it (a plugin can import only plugins loaded before it).
PLUGINS = ["atomic_output", "long_lived", "markup_policy", "schedule", "translations", "photos", "editions", "search", "translation_status", "sitemap", "fingerprint", "validation", "incremental"]

# Incremental builds (plugins/incremental): a build renders only the pages whose inputs changed since
# the last build into the same output folder (the others are that build's files, byte for byte),
# and reads only the story files that changed (Pelican's content cache). Any change of settings,
# theme, catalogs, plugins or authors' profiles makes a full build. False: every build is full.
INCREMENTAL_BUILDS = True
# Where the last build's page keys and the content cache are kept (one folder per output folder);
# the NEWSROOM_BUILD_CACHE environment variable moves it (the tests keep it out of the project).
INCREMENTAL_CACHE_PATH = os.environ.get("NEWSROOM_BUILD_CACHE") or os.path.join(PROJECT, ".cache", "build")

# The site's languages. The first one is the default edition (DEFAULT_LANG).
# name: shown in the language switcher, in the language itself.
# locale: CLDR locale for dates (Babel) and og:locale; message catalogs are looked up by language code.
# prefix: URL folder of the edition. paths: localized URL segments (optional).
# timezone: IANA time zone of the edition: a story's Date without an offset is in it, and its
# pages show dates and times in it (default: TIMEZONE).
LANGUAGES = {
    "pt": {
        "name": "Português",
        "locale": "pt_BR",
        "prefix": "pt",
        "paths": {"archives": "arquivo", "category": "categoria", "tag": "tag", "search": "busca",
                  "corrections": "correcoes", "author": "autor"},
        "timezone": "America/Sao_Paulo",
    },
    "id": {
        "name": "Bahasa Indonesia",
        "locale": "id_ID",
        "prefix": "id",
        "paths": {"archives": "arsip", "category": "kategori", "tag": "tag", "search": "cari",
                  "corrections": "koreksi", "author": "penulis"},
        "timezone": "Asia/Jakarta",
    },
}
DEFAULT_LANG = next(iter(LANGUAGES))

# Authors (plugins/editions/authors.py): a story's `Authors:` make its byline, each with a page and
# feeds in every edition they write in; profiles (name, short bio, photo, same-as links) come from
# AUTHORS_PATH/<lang>.toml inside content/. A story without `Authors:` credits NEWSROOM_NAME.
AUTHORS_PATH = "authors"
NEWSROOM_NAME = SITENAME
# Pelican's default, plus the authors files: the editions plugin reads them, Pelican does not (and
# the content check would warn that they are not markdown).
IGNORE_FILES = ["**/.*", *(f"{code}.toml" for code in LANGUAGES)]

# Metadata field that links an article to its translations (Hugo's translationKey).
TRANSLATION_KEY_FIELD = "translation_key"
# Core Pelican's own translation linking is replaced by plugins/translations.
ARTICLE_TRANSLATION_ID = None
# Translation status (`newsroom status`, plugins/translation_status): a story still in one language
# this long after its Date is flagged "missing" (a timedelta, or a number of hours).
TRANSLATION_MISSING_AFTER = timedelta(hours=24)
# The editors' page /_editors/translations.html (the same report, noindex, in no sitemap, feed or
# search index): development builds only; publishconf.py turns it off.
EDITORS_PAGES = True
# A translation whose original changed after it was made (its Translation_Of hash no longer
# matches) says so to readers, linking the original, only when True.
STALE_TRANSLATION_NOTICE = False

# Article URL inside its edition; the edition prefix is prepended by plugins/editions.
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"

# Scheduled, embargoed and expiring stories (plugins/schedule; it must come before translations
# in PLUGINS). A story whose Date is later than the build's "now" is published nowhere until a build
# runs after it; one whose `Expires:` has passed is removed.
# BUILD_NOW: the moment a build publishes as of (ISO date-time; without an offset, in the default
# edition's time zone), for tests and previews: NEWSROOM_NOW=2026-12-02T06:00-03:00 make html.
# None: the clock (publishconf.py always uses the clock).
BUILD_NOW = os.environ.get("NEWSROOM_NOW") or None
# PREVIEW_SCHEDULED: show scheduled stories now, each page with a "scheduled" banner (noindex).
# Development only: `pelican … -s pelicanconf.py -e PREVIEW_SCHEDULED=true`; publishconf.py forces False.
PREVIEW_SCHEDULED = False
# EXPIRED_PAGE: what an expired story's URL answers: "404" (the host's not-found page) or "gone"
# (a noindex "no longer available" page in the edition's language, theme template gone.html).
EXPIRED_PAGE = "404"
# SCHEDULE_JSON: a file for a scheduler (every upcoming publication and expiry, with headlines).
# It names embargoed stories, so it must lie outside the output folder (the build refuses a path
# inside it), e.g. os.path.join(PROJECT, ".cache", "schedule.json"). None: not written.
SCHEDULE_JSON = None
# LIVE_RELOAD: pages load theme/static/js/live-reload.js, which reloads them after each good rebuild
# of the dev server (tools/live_server.py). Only `make serve` turns it on (-e LIVE_RELOAD=true).
LIVE_RELOAD = False

# The newspaper's sections, in header order: each is the slug of its category in every edition
# (plugins/editions/sections.py).
SECTIONS = [
    {"pt": "economia", "id": "ekonomi"},
    {"pt": "tecnologia", "id": "teknologi"},
    {"pt": "cidades", "id": "kota"},
]

# Untranslated stories (plugins/editions/fallback.py): the Indonesian edition's home, section and
# tag listings also show Portuguese stories that have no Indonesian version, as cards marked
# "Dalam bahasa Portugis" linking to the Portuguese page (mode "link"; "omit" or no entry: an
# untranslated story exists only in its own edition).
TRANSLATION_FALLBACK = {"id": "pt", "pt": None}
# Categories and tags that are one listing across editions when no translated story shows it yet
# (slugs, as in SECTIONS), e.g. {"tag": [{"pt": "eleicoes", "id": "pemilu"}]}.
TERM_MATCHES = {"category": [], "tag": []}

DEFAULT_PAGINATION = 10
# Stories per page of an archive month (/pt/arquivo/2025/03/); the archive index only counts them.
ARCHIVE_PAGINATION = 50
# The front page: the newest story large, then this many newest stories of each section.
FRONT_PAGE_SECTION_STORIES = 3
# Listing cards show this many words of a story's lede.
CARD_SUMMARY_WORDS = 30
FEED_MAX_ITEMS = 20
# Feeds are written per edition by plugins/editions; core's site-wide feeds stay off.
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = None

# Search: gzip bytes per term-range partition of an edition's index (a query loads only the
# partitions holding its words). Stemmers for the browser come from npm.
SEARCH_PARTITION_GZIP_BYTES = 12_000
NODE_MODULES = os.path.join(PROJECT, "node_modules")

# Photos (plugins/photos): `Image:` and body images name files beside the article or in
# content/PHOTOS_FOLDER/; each is published at PHOTOS_WIDTHS (never enlarged) in PHOTOS_FORMATS
# (AVIF only where Pillow can encode it; JPEG is the fallback), plus 16:9, 4:3 and 1:1 JPEG crops
# PHOTOS_CROP_WIDTH wide for JSON-LD and og:image, into output/PHOTOS_OUTPUT/. Encoded files are
# kept in PHOTOS_CACHE_PATH by content hash, so an unchanged photo is never encoded twice.
PHOTOS_FOLDER = "images"
PHOTOS_OUTPUT = "images"
PHOTOS_WIDTHS = [480, 800, 1200, 1600]
PHOTOS_FORMATS = ["avif", "webp", "jpeg"]
PHOTOS_QUALITY = {"avif": 55, "webp": 80, "jpeg": 82}
PHOTOS_CROP_WIDTH = 1200
PHOTOS_CACHE_PATH = os.path.join(PROJECT, ".cache", "photos")
PHOTOS_WORKERS = None  # processes encoding new photos; None: one per CPU

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # A build is one process (the live server starts a new one per rebuild): no template changes
    # mid-build, so the ~40 template look-ups per page need not each check the file's date (~5% of a build).
    "auto_reload": False,
}

# Untrusted input never becomes markup: article bodies and summaries are held to the news-markup
# allow-list (plugins/markup_policy/policy.py), and every page carries this policy in a <meta>
# (static hosts such as GitHub Pages cannot send headers; send it as a header where you can).
SANITIZE_ARTICLE_HTML = True
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
# A story's source file larger than this stops the build (real stories are 5-50 KB).
ARTICLE_MAX_BYTES = 1_000_000
# Feeds carry each story's summary cut to FEED_EXCERPT_WORDS words; the whole text only when True.
FEED_FULL_TEXT = False
FEED_EXCERPT_WORDS = 60

DELETE_OUTPUT_DIRECTORY = True
RELATIVE_URLS = False
