"""Settings for deployment (`make publish`): absolute URLs, as hreflang and feeds require."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# Override with `make publish SITEURL=https://example.org` or the environment variable.
SITEURL = os.environ.get("SITEURL", "https://news.example.org")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Scheduled stories (plugins/schedule): a published build goes by the clock and never shows a story
# before its Date, whatever NEWSROOM_NOW or a preview flag said in development.
BUILD_NOW = None
PREVIEW_SCHEDULED = False
# The editors' translation-status page is for development builds only, never published.
EDITORS_PAGES = False
