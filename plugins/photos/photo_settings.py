"""The photos plugin's settings, with their defaults, read and checked once per build."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from PIL import features

KNOWN_FORMATS = ("avif", "webp", "jpeg")
DEFAULT_WIDTHS = (480, 800, 1200, 1600)
DEFAULT_QUALITY = {"avif": 55, "webp": 80, "jpeg": 82}
DEFAULT_CROP_WIDTH = 1200  # Google asks for news images >= 1200 px wide, and og:image previews use that size
MAX_WIDTH = 8000


class PhotoSettingsError(ValueError):
    """A PHOTOS_* setting has a value the plugin cannot work with; the message names it."""


@dataclass(frozen=True)
class PhotoSettings:
    widths: tuple[int, ...]  # ascending
    formats: tuple[str, ...]  # in order of preference for <source>; "jpeg" is always there (the <img> fallback)
    quality: Mapping[str, int]
    crop_width: int
    folder: str  # shared photo folder inside the content folder
    output: str  # folder of the processed files inside the output folder
    cache: str  # absolute path of the cache folder
    workers: int


def avif_available() -> bool:
    """Pillow encodes AVIF only when its wheel (or the system libavif) has an encoder."""
    return bool(features.check("avif"))


def _folder_name(value, setting: str) -> str:
    text = str(value).strip().strip("/")
    parts = text.split("/")
    if not text or any(part in ("", ".", "..") for part in parts) or "\\" in text or text.startswith("~"):
        raise PhotoSettingsError(f"{setting}: {value!r} must be a folder name inside the site (e.g. \"images\")")
    return text


def read_photo_settings(settings: Mapping) -> PhotoSettings:
    """The PHOTOS_* settings with defaults; raises PhotoSettingsError naming the setting at fault."""
    widths = settings.get("PHOTOS_WIDTHS") or DEFAULT_WIDTHS
    if (not isinstance(widths, (list, tuple)) or not widths
            or not all(isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= MAX_WIDTH for w in widths)):
        raise PhotoSettingsError(f"PHOTOS_WIDTHS: {widths!r} must be a list of widths in pixels (16 to {MAX_WIDTH})")
    formats = [str(f).lower() for f in (settings.get("PHOTOS_FORMATS") or KNOWN_FORMATS)]
    unknown = [f for f in formats if f not in KNOWN_FORMATS]
    if unknown:
        raise PhotoSettingsError(f"PHOTOS_FORMATS: {unknown!r} unknown; use some of {', '.join(KNOWN_FORMATS)}")
    if "jpeg" not in formats:
        raise PhotoSettingsError("PHOTOS_FORMATS: must include \"jpeg\" (the <img> fallback, og:image and JSON-LD crops)")
    if "avif" in formats and not avif_available():
        formats.remove("avif")  # README: without an AVIF encoder the site ships WebP and JPEG
    quality = {**DEFAULT_QUALITY, **(settings.get("PHOTOS_QUALITY") or {})}
    for name, value in quality.items():
        if name not in KNOWN_FORMATS or not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100:
            raise PhotoSettingsError(f"PHOTOS_QUALITY: {name!r}: {value!r} must be a format's quality from 1 to 100")
    crop_width = settings.get("PHOTOS_CROP_WIDTH", DEFAULT_CROP_WIDTH)
    if not isinstance(crop_width, int) or isinstance(crop_width, bool) or not 16 <= crop_width <= MAX_WIDTH:
        raise PhotoSettingsError(f"PHOTOS_CROP_WIDTH: {crop_width!r} must be a width in pixels (16 to {MAX_WIDTH})")
    content = str(settings["PATH"]).rstrip(os.sep)
    cache = settings.get("PHOTOS_CACHE_PATH") or os.path.join(os.path.dirname(content), ".cache", "photos")
    workers = settings.get("PHOTOS_WORKERS") or os.cpu_count() or 1
    if not isinstance(workers, int) or workers < 1:
        raise PhotoSettingsError(f"PHOTOS_WORKERS: {workers!r} must be a number of processes (1 or more)")
    return PhotoSettings(
        widths=tuple(sorted(set(widths))),
        formats=tuple(dict.fromkeys(formats)),
        quality=quality,
        crop_width=crop_width,
        folder=_folder_name(settings.get("PHOTOS_FOLDER", "images"), "PHOTOS_FOLDER"),
        output=_folder_name(settings.get("PHOTOS_OUTPUT", "images"), "PHOTOS_OUTPUT"),
        cache=os.path.abspath(cache),
        workers=workers,
    )
