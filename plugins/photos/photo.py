"""What pages, JSON-LD, the sitemap and the output checks know of a photo.

`article.photo` is the lead photo (its own or a translation's), `article.photos` every photo the
article's page shows (the lead first, then the body's), each a `Photo`: the processed image and
the article's texts for it. Texts are plain text; templates escape them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .variants import FALLBACK_WIDTH, MIME_TYPES, Variant


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


# eq=False: one object per photo file and build, compared and hashed by identity (cheap, and
# pages draw each photo many times).
@dataclass(frozen=True, eq=False)
class ProcessedImage:
    source: str  # the source file as the editor knows it, e.g. content/images/harbour.jpg
    key: str  # cache key: source bytes + processing settings
    files: tuple[PublishedFile, ...]

    # A photo is drawn on its article, its translation and every listing it is on: what pages
    # ask for is worked out once per photo (the build's SITEURL does not change).
    def frames(self, fmt: str, widest: int | None = None) -> list[PublishedFile]:
        """The whole frame in one format, narrowest first; with `widest`, those up to that width
        (at least the narrowest: a thumbnail slot never needs the 1600 px file)."""
        frames = self._frames.get(fmt, [])
        if widest is None:
            return frames
        return [f for f in frames if f.width <= widest] or frames[:1]

    @cached_property
    def _frames(self) -> dict[str, list[PublishedFile]]:
        frames: dict[str, list[PublishedFile]] = {}
        for f in self.files:
            if f.variant.crop is None:
                frames.setdefault(f.variant.format, []).append(f)
        return frames

    def srcset(self, fmt: str, site_url: str, widest: int | None = None) -> str:
        key = (fmt, site_url, widest)
        if key not in self._srcsets:
            self._srcsets[key] = ", ".join(f"{site_url}/{f.path} {f.width}w" for f in self.frames(fmt, widest))
        return self._srcsets[key]

    @cached_property
    def _srcsets(self) -> dict[tuple, str]:
        return {}

    def sources(self, site_url: str, widest: int | None = None) -> list[tuple[str, str]]:
        """(MIME type, srcset) of each format better than the JPEG fallback, best first."""
        return [(MIME_TYPES[fmt], self.srcset(fmt, site_url, widest)) for fmt in self._frames if fmt != "jpeg"]

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


@dataclass(frozen=True, eq=False)
class Photo:
    image: ProcessedImage
    alt: str
    caption: str = ""
    credit: str = ""
    # The language of a text taken from a translation in another language (None: the page's own).
    alt_lang: str | None = None
    caption_lang: str | None = None
    field: str = "Image"  # where the article names it: "Image" (the lead) or "body"
