"""The processed-photo cache: an unchanged photo is never encoded twice.

An entry is a folder named by the cache key — the SHA-256 of the source's bytes and of everything
that shapes the variants (widths, formats, qualities, crop width, encoder options, Pillow's and
its codecs' versions) — holding one file per variant (`800.webp`, `16x9-1200.jpg`). Entries are
written into a temporary folder and renamed into place whole, so a build that is killed or two
builds running at once never leave a half-written entry that looks complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import PIL
from PIL import features

from .encoding import ENCODER_OPTIONS
from .photo_settings import PhotoSettings

# Bump when the processing itself changes (resampling, colour handling, crops).
PROCESSING_VERSION = 1


def settings_fingerprint(config: PhotoSettings) -> str:
    """Everything besides the source's bytes that changes the files a photo becomes."""
    shaping = {
        "version": PROCESSING_VERSION,
        "pillow": PIL.__version__,
        "codecs": {name: features.version(name) for name in ("jpg", "libjpeg_turbo", "webp", "avif")},
        "widths": config.widths,
        "formats": config.formats,
        "quality": {fmt: config.quality[fmt] for fmt in config.formats},
        "crop_width": config.crop_width,
        "encoder": {fmt: ENCODER_OPTIONS[fmt] for fmt in config.formats},
    }
    return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()


def cache_key(source_digest: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{source_digest}:{fingerprint}".encode()).hexdigest()


class PhotoCache:
    def __init__(self, root: str):
        self.root = Path(root)

    def entry(self, key: str) -> Path:
        return self.root / key[:2] / key

    def has(self, key: str, names: set[str]) -> bool:
        """Whether the entry holds every one of these files (one directory read)."""
        try:
            return names <= set(os.listdir(self.entry(key)))
        except OSError:
            return False

    def store(self, key: str, files: dict[str, bytes]) -> None:
        """Write an entry whole: into a temporary folder of the cache, then renamed into place."""
        final = self.entry(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".incomplete-", dir=final.parent))
        try:
            for name, data in files.items():
                (work / name).write_bytes(data)
            if self.has(key, set(files)):
                return  # another build stored the same entry meanwhile
            if final.exists():
                shutil.rmtree(final)  # incomplete (a file deleted by hand): replaced whole
            os.rename(work, final)
        except OSError:
            if not self.has(key, set(files)):
                raise
            # another build stored the same entry at the same moment: theirs is as good as ours
        finally:
            shutil.rmtree(work, ignore_errors=True)
