"""Helpers for the photo tests: draw real image files, write articles naming them, read what pages refer to."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw

from support import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from draw_sample_photos import SCENES, draw_photo  # noqa: E402  (the committed drawing script)

SITE = "https://news.example.org"


def draw_jpeg(path: Path, size: tuple[int, int] = (1800, 1200), scene: str = "harbour.jpg", seed: str = "") -> Path:
    """A real photo-like JPEG drawn by tools/draw_sample_photos.py's scenes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(draw_photo(SCENES[scene], seed or path.name, size))
    return path


def draw_png_with_alpha(path: Path, size: tuple[int, int]) -> Path:
    """A PNG with transparent corners (JPEG variants must lay it on white)."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse([0, 0, size[0] - 1, size[1] - 1], fill=(30, 120, 200, 255))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG")
    return path


def draw_rotated_jpeg(path: Path, stored: tuple[int, int]) -> Path:
    """A portrait-stored JPEG whose EXIF says "turn 90°" (orientation 6), as phones write, with a GPS tag."""
    image = Image.new("RGB", stored, (200, 60, 50))
    ImageDraw.Draw(image).rectangle([0, 0, stored[0] - 1, stored[1] // 4], fill=(250, 250, 250))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x8825] = {1: "S", 2: (23.0, 33.0, 0.0)}  # GPSInfo: where the photographer stood
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", exif=exif, quality=90)
    return path


def photo_fields(image: str | None = None, alt: str | None = None, caption: str | None = None,
                 credit: str | None = None) -> str:
    """Metadata lines for write_article(extra=...)."""
    fields = {"Image": image, "Image_Alt": alt, "Image_Caption": caption, "Image_Credit": credit}
    return "".join(f"\n{name}: {value}" for name, value in fields.items() if value is not None)


def local_file(output: Path, url: str) -> Path:
    """The output file a page's image URL (absolute or root-relative) points to."""
    path = url[len(SITE):] if url.startswith(SITE) else url
    return output / path.lstrip("/")


def srcset_urls(srcset: str) -> list[tuple[str, int]]:
    """(URL, width) of each candidate of a srcset with width descriptors."""
    found = []
    for candidate in srcset.split(","):
        url, descriptor = candidate.split()
        assert descriptor.endswith("w"), candidate
        found.append((url, int(descriptor[:-1])))
    return found


def pixel_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def has_exif(path: Path) -> bool:
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        return bool(image.getexif()) or "exif" in image.info


def pelican_cli(content: Path, output: Path, cache: Path, **settings) -> subprocess.CompletedProcess:
    """`make html`'s command on a test content folder, as an editor runs it (exit code, printed lines)."""
    overrides = [f"{name}={json.dumps(value)}" for name, value in {"PHOTOS_CACHE_PATH": str(cache), **settings}.items()]
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py", "-e", *overrides],
        cwd=ROOT, capture_output=True, text=True,
    )
