"""What pages, JSON-LD, the sitemap and the output checks know of a photo.

`article.photo` is the lead photo (its own or a translation's), `article.photos` every photo the
article's page shows (the lead first, then the body's), each a `Photo`: the processed image and
the article's texts for it. Texts are plain text; templates escape them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from .variants import MIME_TYPES, Variant

FALLBACK_WIDTH = 800  # the <img> src for browsers without srcset: a width that suits most screens


@dataclass(frozen=True)
class PublishedFile:
    path: str  # relative to the site root, e.g. images/harbour.3f2a9c01de12.800.webp
    variant: Variant

    @property
    def width(self) -> int:
        return self.variant.width

    @property
    def height(self) -> int:
        return self.variant.height


@dataclass(frozen=True)
class ProcessedImage:
    source: str  # the source file as the editor knows it, e.g. content/images/harbour.jpg
    key: str  # cache key: source bytes + processing settings
    files: tuple[PublishedFile, ...]

    # A photo is drawn on its article, its translation and every listing it is on: what pages
    # ask for is worked out once per photo (the build's SITEURL does not change).
    def frames(self, fmt: str) -> list[PublishedFile]:
        """The whole frame in one format, narrowest first."""
        return self._frames.get(fmt, [])

    @cached_property
    def _frames(self) -> dict[str, list[PublishedFile]]:
        frames: dict[str, list[PublishedFile]] = {}
        for f in self.files:
            if f.variant.crop is None:
                frames.setdefault(f.variant.format, []).append(f)
        return frames

    def srcset(self, fmt: str, site_url: str) -> str:
        return _srcset(self, fmt, site_url)

    def sources(self, site_url: str) -> list[tuple[str, str]]:
        """(MIME type, srcset) of each format better than the JPEG fallback, best first."""
        return [(MIME_TYPES[fmt], self.srcset(fmt, site_url)) for fmt in self._frames if fmt != "jpeg"]

    @cached_property
    def fallback(self) -> PublishedFile:
        jpegs = self.frames("jpeg")
        fitting = [f for f in jpegs if f.width <= FALLBACK_WIDTH]
        return fitting[-1] if fitting else jpegs[0]

    @cached_property
    def largest(self) -> PublishedFile:
        """The widest JPEG of the whole frame: the one image sitemaps list."""
        return self.frames("jpeg")[-1]

    @cached_property
    def crops(self) -> list[PublishedFile]:
        """16:9, 4:3 and 1:1, for NewsArticle JSON-LD."""
        return [f for f in self.files if f.variant.crop]

    @property
    def social(self) -> PublishedFile:
        """og:image: the 16:9 crop, the closest to the link-preview frame of social sites."""
        return self.crops[0]

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]


@lru_cache(maxsize=8192)
def _srcset(image: ProcessedImage, fmt: str, site_url: str) -> str:
    return ", ".join(f"{site_url}/{f.path} {f.width}w" for f in image.frames(fmt))


@dataclass(frozen=True)
class Photo:
    image: ProcessedImage
    alt: str
    caption: str = ""
    credit: str = ""
    # The language of a text taken from a translation in another language (None: the page's own).
    alt_lang: str | None = None
    caption_lang: str | None = None
    field: str = "Image"  # where the article names it: "Image" (the lead) or "body"
