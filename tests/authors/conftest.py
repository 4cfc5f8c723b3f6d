"""The small newsroom of authors_site.py, built once per module."""

from __future__ import annotations

import pytest

from authors_site import newsroom_content
from support import build


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """authors_site.newsroom_content, two stories per listing page."""
    root = tmp_path_factory.mktemp("authors")
    return build(newsroom_content(root / "content"), root / "output", DEFAULT_PAGINATION=2)


@pytest.fixture(scope="module")
def published_newsroom(tmp_path_factory):
    """The same newsroom built as `make publish` builds it, with absolute URLs."""
    root = tmp_path_factory.mktemp("authors-published")
    return build(newsroom_content(root / "content"), root / "output", DEFAULT_PAGINATION=2,
                 SITEURL="https://news.example.org")
