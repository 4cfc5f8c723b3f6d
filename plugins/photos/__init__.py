"""Photos in stories: a lead photo per article (or its translation's), images in the body, each
resized and encoded once (AVIF, WebP, JPEG; cached by content hash) and drawn with <picture>.

See README.md ("Add a photo", Settings). `photos` must come before `editions`, `search` and
`validation` in PLUGINS: bodies get their figures before anything reads them, and image files
are ignored by Pelican before the content folder is checked.
"""

from __future__ import annotations

from pelican import signals

from .generator import PhotosGenerator

# Pelican must neither read photos as content nor copy the originals (with their EXIF, GPS
# positions included) to the site; the content-folder check would also warn about every one.
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "avif", "gif", "tif", "tiff")


def any_case(extension: str) -> str:
    """An fnmatch pattern for *.<extension> in any letter case (fnmatch is case-sensitive on Linux)."""
    return "*." + "".join(f"[{c.lower()}{c.upper()}]" for c in extension)


def ignore_photo_files(pelican) -> None:
    ignored = list(pelican.settings.get("IGNORE_FILES") or [])
    pelican.settings["IGNORE_FILES"] = ignored + [p for p in map(any_case, IMAGE_EXTENSIONS) if p not in ignored]


def add_generator(pelican):
    return PhotosGenerator


def register() -> None:
    signals.initialized.connect(ignore_photo_files)
    signals.get_generators.connect(add_generator)
