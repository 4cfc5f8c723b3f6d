"""Pillow's part: read a photo's header, then make and encode every planned variant.

Variants carry no metadata: EXIF (camera serial numbers, GPS positions), XMP and comments stay
in the source. Colours are converted to sRGB first (an agency's CMYK or Adobe RGB file would
look wrong in browsers otherwise), and EXIF orientation is applied, so a phone photo stands up.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Mapping

from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError

from .variants import Variant

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "AVIF", "GIF", "TIFF")
PILLOW_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}
# Part of every cache key (cache.py): changing one re-encodes every photo once.
ENCODER_OPTIONS = {
    "jpeg": {"optimize": True, "progressive": True},
    "webp": {"method": 4},
    # libavif's default speed is 6; 8 encodes ~3x faster for files within a few percent of the size
    # (measured on 1600 px photos). One thread each: photos are encoded in parallel processes.
    "avif": {"speed": 8, "max_threads": 1},
}
RESAMPLING = Image.Resampling.LANCZOS
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
SRGB = ImageCms.createProfile("sRGB")


class UnreadableImage(ValueError):
    """The file is not an image this site can publish; the message is for the editor."""


@dataclass(frozen=True)
class SourceInfo:
    format: str  # Pillow's name: JPEG, PNG, ...
    width: int  # upright, once its EXIF orientation is applied
    height: int


def inspect_image(data: bytes) -> SourceInfo:
    """Format and upright size from the header alone (cheap: the pixels are not decoded)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as image:
                width, height = image.size
                orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
                found = image.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UnreadableImage(f"too many pixels (over {Image.MAX_IMAGE_PIXELS:,}): resize the photo before adding it") from None
    except UnidentifiedImageError:
        raise UnreadableImage("not an image file this site can publish (JPEG, PNG, WebP, AVIF, GIF or TIFF)") from None
    except Exception as error:  # noqa: BLE001 - Pillow's readers raise many kinds of errors on broken files
        raise UnreadableImage(f"cannot be read as an image ({error})") from None
    if orientation in ROTATED:
        width, height = height, width
    return SourceInfo(found or "", width, height)


def upright_srgb(image: Image.Image) -> Image.Image:
    """The image as browsers should show it: turned by its EXIF orientation, sRGB, no transparency, no metadata."""
    image = ImageOps.exif_transpose(image)
    if image.mode == "P":
        image = image.convert("RGBA")
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            image = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB,
                                              outputMode="RGBA" if image.mode == "RGBA" else "RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the colours are used as stored
    if image.mode in ("RGBA", "LA", "PA"):
        flat = Image.new("RGB", image.size, "white")  # JPEG has no transparency: lay the photo on the page colour
        flat.paste(image, mask=image.convert("RGBA").getchannel("A"))
        image = flat
    image = image.convert("RGB")
    image.info = {}
    return image


def encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, PILLOW_FORMATS[fmt], quality=quality, **ENCODER_OPTIONS[fmt])
    return buffer.getvalue()


def render_variants(data: bytes, variants: tuple[Variant, ...], quality: Mapping[str, int]) -> dict[str, bytes]:
    """{variant file name: encoded bytes} for one source; each width is resized once for every format."""
    with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as opened:
        opened.load()
        image = upright_srgb(opened)
    frames: dict[tuple, Image.Image] = {}
    files = {}
    for variant in variants:
        size = (variant.width, variant.height)
        if (size, variant.crop) not in frames:
            if variant.crop:
                frames[size, variant.crop] = ImageOps.fit(image, size, RESAMPLING)
            else:
                frames[size, None] = image if size == image.size else image.resize(size, RESAMPLING, reducing_gap=3.0)
        files[variant.name] = encode(frames[size, variant.crop], variant.format, quality[variant.format])
    return files
