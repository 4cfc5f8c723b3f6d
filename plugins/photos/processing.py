"""Read each photo once, and encode the ones the cache lacks, in parallel processes."""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .cache import PhotoCache, cache_key
from .encoding import SourceInfo, render_variants
from .photo_settings import PhotoSettings
from .source_index import SourceIndex
from .variants import Variant, plan_variants

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    path: Path
    info: SourceInfo
    key: str
    variants: tuple[Variant, ...]


def read_source(path: Path, index: SourceIndex, fingerprint: str, config: PhotoSettings) -> Source:
    """One source file's cache key and plan (UnreadableImage or OSError when it cannot be used)."""
    digest, info = index.describe(path)
    key = cache_key(digest, fingerprint)
    return Source(path, info, key, plan_variants(info.width, info.height, config.formats, config.widths, config.crop_width))


def encode_into_cache(job: tuple[str, str, tuple[Variant, ...], Mapping[str, int], str]) -> str | None:
    """Encode one source's variants into the cache; the reason when the file cannot be decoded."""
    path, key, variants, quality, cache_root = job
    try:
        files = render_variants(Path(path).read_bytes(), variants, quality)
    except OSError as error:
        if getattr(error, "errno", None) is not None:
            raise  # the machine's error (a full disk, a lost file), not the photo's
        return f"cannot be decoded ({error})"  # Pillow reports a truncated or corrupt file as OSError
    except Exception as error:  # noqa: BLE001 - Pillow's decoders raise many kinds of errors on broken files
        return f"cannot be decoded ({error})"
    PhotoCache(cache_root).store(key, files)
    return None


def fill_cache(sources: list[Source], cache: PhotoCache, config: PhotoSettings) -> dict[str, str]:
    """Encode every source the cache lacks; {key: reason} for those that could not be decoded."""
    missing = {}
    for source in sources:
        if source.key not in missing and not cache.has(source.key, {v.name for v in source.variants}):
            missing[source.key] = source
    jobs = [(str(s.path), s.key, s.variants, dict(config.quality), str(cache.root)) for s in missing.values()]
    if not jobs:
        return {}
    workers = min(config.workers, len(jobs))
    logger.info("photos: encoding %d new photo(s) (%s; %s px) in %d process(es)", len(jobs),
                ", ".join(config.formats), ", ".join(map(str, config.widths)), workers)
    if workers < 2:
        results = [encode_into_cache(job) for job in jobs]
    else:
        # fork, as the search plugin does: workers need only this module, already imported
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(encode_into_cache, jobs))
    return {job[1]: reason for job, reason in zip(jobs, results) if reason}
