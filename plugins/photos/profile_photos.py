"""Photos named outside any article, by their path inside content/: an author's `photo` in an
authors file (plugins/editions/authors.py asks for them).

They are processed as story photos are (same widths, formats and cache; a page offers what its
slot needs through `photo_picture(..., widest=…)`), and published by the photos generator's
output step: the asking generator's context step runs after the photos generator's and before
any output step, so the files are added to the build's list of published files (PUBLISHED_FILES).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from .cache import PhotoCache, settings_fingerprint
from .encoding import UnreadableImage
from .generator import PUBLISHED_FILES, published_image
from .photo import ProcessedImage
from .photo_settings import PhotoSettingsError, read_photo_settings
from .problems import PhotoProblem
from .processing import Source, fill_cache, read_source
from .source_index import SourceIndex
from .source_paths import RefusedPath, resolve_in_content


@dataclass(frozen=True)
class NamedPhoto:
    value: str  # the photo's path inside content/, as the file gives it ("images/authors/ana.jpg")
    source: str  # the file naming it, as the editor knows it ("content/authors/pt.toml")
    field: str  # where in that file ("ana-lima.photo")


def publish_profile_photos(settings: Mapping, named: list[NamedPhoto]
                           ) -> tuple[dict[str, ProcessedImage], list[PhotoProblem]]:
    """value -> processed image of each named photo, published with the build's photos; a problem
    (naming file and field) for each that cannot be. Nothing when the photos plugin is off."""
    published = settings.get(PUBLISHED_FILES)
    if published is None or not named:
        return {}, []
    try:
        config = read_photo_settings(settings)
    except PhotoSettingsError as error:
        setting, _, message = str(error).partition(": ")
        return {}, [PhotoProblem("settings", setting, message)]
    content = str(settings["PATH"])
    index, fingerprint = SourceIndex(config.cache), settings_fingerprint(config)
    sources: dict[str, Source] = {}  # value -> source, each value read once
    problems: list[PhotoProblem] = []
    for photo in named:
        if photo.value in sources:
            continue
        try:
            sources[photo.value] = read_source(resolve_in_content(photo.value, content), index, fingerprint, config)
        except RefusedPath as why:
            problems.append(PhotoProblem(photo.source, photo.field, str(why)))
        except (UnreadableImage, OSError) as error:
            why = f"cannot be read: {error.strerror}" if isinstance(error, OSError) else str(error)
            problems.append(PhotoProblem(photo.source, photo.field, f"{photo.value!r}: {why}"))
    index.save()
    cache = PhotoCache(config.cache)
    failed = fill_cache(list(sources.values()), cache, config)
    images = {}
    for photo in named:
        source = sources.get(photo.value)
        if source is None:
            continue
        if source.key in failed:
            problems.append(PhotoProblem(photo.source, photo.field, f"{photo.value!r}: {failed[source.key]}"))
            continue
        image = images.get(photo.value) or published_image(source, config, content)
        images[photo.value] = image
        entry = str(cache.entry(image.key))
        published.update((f.path, os.path.join(entry, f.variant.name)) for f in image.files)
    return images, problems
