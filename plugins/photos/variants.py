"""Which files one photo becomes (pure: sizes in, plan out).

The whole frame at each configured width no wider than the source in the modern formats (AVIF,
WebP: every browser that draws <picture> sources reads WebP), and as JPEG at two widths only: the
<img> fallback (at most FALLBACK_WIDTH) and the largest (the one sitemaps list). For search
engines and link previews, centred 16:9, 4:3 and 1:1 crops as JPEG, PHOTOS_CROP_WIDTH wide where
the source allows (news rich results want several aspect ratios; og:image uses the 16:9). Every
file costs each build a hard link in the output, so there are no more than pages use.
"""

from __future__ import annotations

from dataclasses import dataclass

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
CROPS = (("16x9", 16, 9), ("4x3", 4, 3), ("1x1", 1, 1))
FALLBACK_WIDTH = 800  # the <img> src for browsers without srcset: a width that suits most screens


@dataclass(frozen=True)
class Variant:
    format: str
    width: int
    height: int
    crop: str | None = None  # "16x9", "4x3", "1x1"; None for the whole frame

    @property
    def name(self) -> str:
        """The file's name inside a cache entry and the end of its published name."""
        stem = f"{self.crop}-{self.width}" if self.crop else str(self.width)
        return f"{stem}.{EXTENSIONS[self.format]}"


def frame_widths(source_width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The configured widths below the source's, and the largest one the source allows.

    A photo narrower than the largest width is never enlarged: its own width takes the place
    of the widths it lacks.
    """
    return tuple(sorted({*(w for w in widths if w < source_width), min(source_width, max(widths))}))


def scaled_height(width: int, height: int, new_width: int) -> int:
    return max(1, round(height * new_width / width))


def crop_size(width: int, height: int, ratio_w: int, ratio_h: int, crop_width: int) -> tuple[int, int]:
    """The size of a centred crop of that ratio, at most `crop_width` wide and never enlarged."""
    region_width = min(width, height * ratio_w // ratio_h)
    new_width = max(1, min(crop_width, region_width))
    return new_width, max(1, round(new_width * ratio_h / ratio_w))


def jpeg_widths(frame: tuple[int, ...]) -> tuple[int, ...]:
    """The fallback width (the widest at most FALLBACK_WIDTH, else the narrowest) and the widest."""
    fitting = [w for w in frame if w <= FALLBACK_WIDTH]
    return tuple(sorted({fitting[-1] if fitting else frame[0], frame[-1]}))


def plan_variants(width: int, height: int, formats: tuple[str, ...], widths: tuple[int, ...],
                  crop_width: int) -> tuple[Variant, ...]:
    """Every file a source of this size becomes: full frames per format and width, then the crops."""
    frame = frame_widths(width, widths)
    frames = tuple(Variant(fmt, w, scaled_height(width, height, w))
                   for fmt in formats for w in (jpeg_widths(frame) if fmt == "jpeg" else frame))
    crops = tuple(Variant("jpeg", *crop_size(width, height, a, b, crop_width), crop=name) for name, a, b in CROPS)
    return frames + crops
