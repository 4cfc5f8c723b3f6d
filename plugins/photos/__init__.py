"""Photos in stories: a lead photo per article (or its translation's), images in the body, each
resized and encoded once (AVIF, WebP, JPEG; cached by content hash) and drawn with <picture>.

See README.md ("Adding a photo", Settings). `photos` must come before `editions`, `search` and
`validation` in PLUGINS: bodies get their figures before anything reads them, and photo files
are known to be taken before the content folder is checked.
"""

from __future__ import annotations

from pelican import signals

from .drawn_pictures import provide_photo_picture
from .generator import PhotosGenerator

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "avif", "gif", "tif", "tiff")
ADDED = "_photos_ignored_files"  # per-build note of the patterns added below


def any_case(extension: str) -> str:
    """An fnmatch pattern for *.<extension> in any letter case (fnmatch is case-sensitive on Linux)."""
    return "*." + "".join(f"[{c.lower()}{c.upper()}]" for c in extension)


def hide_photos_from_content_check(pelican) -> None:
    """The validation plugin's content-folder check (on `initialized`, right after this) warns about
    every file no reader takes, and photos are taken by this plugin: image files are ignored for
    that check only. Pelican never reads them as articles (not markdown), and never copies them
    unless STATIC_PATHS asks, so the originals, with their EXIF, stay unpublished."""
    ignored = list(pelican.settings.get("IGNORE_FILES") or [])
    added = [p for p in map(any_case, IMAGE_EXTENSIONS) if p not in ignored]
    pelican.settings["IGNORE_FILES"] = ignored + added
    pelican.settings[ADDED] = added


def add_generator(pelican):
    # The content folder has been checked: static image files (STATIC_PATHS) are copied as before.
    added = pelican.settings.pop(ADDED, [])
    pelican.settings["IGNORE_FILES"] = [p for p in pelican.settings.get("IGNORE_FILES", []) if p not in added]
    return PhotosGenerator


def register() -> None:
    signals.initialized.connect(hide_photos_from_content_check)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(provide_photo_picture)
