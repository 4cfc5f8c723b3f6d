"""Find, check and process every photo the articles show, then publish the processed files.

Runs as a generator right after core's articles are read and linked to their translations
(before the editions and the search index read the bodies): photos are resolved and checked,
the cache is filled, each article gets `photo` / `photos`, and body images become figures.
Every problem is reported at once, naming the file and field; any error stops the build before
anything is written. `generate_output` links (or copies) the cached files into the output.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import unicodedata
from functools import partial
from pathlib import Path

from jinja2 import TemplateNotFound
from pelican.generators import Generator

from .body_figures import place_body_photos
from .drawn_pictures import MACROS
from .cache import PhotoCache, settings_fingerprint
from .encoding import UnreadableImage
from .photo import Photo, ProcessedImage, PublishedFile
from .photo_settings import PhotoSettings, PhotoSettingsError, read_photo_settings
from .placements import PhotoRequest, body_requests, lead_requests
from .problems import PhotoProblem, report_problems
from .processing import Source, fill_cache, read_source
from .source_index import SourceIndex
from .source_paths import RefusedPath, resolve_photo

# Settings key of this build's published photo files (published path -> cached file).
PUBLISHED_FILES = "_photos_published_files"
# The lead photo and body figures span the story column (68ch of 19px text, ~41rem) or the screen.
STORY_SIZES = "(min-width: 46rem) 41rem, 100vw"


def shown_path(path: str, content: str) -> str:
    """A file as the editor knows it: content/pt/story.md."""
    return os.path.relpath(path, os.path.dirname(content.rstrip(os.sep)))


def file_slug(path: Path) -> str:
    """ASCII name for published files, from the source's name (image search reads file names)."""
    text = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-") or "photo"


def published_image(source: Source, config: PhotoSettings, content: str) -> ProcessedImage:
    """The processed image and its published names: <slug>.<key>.<variant> (content-named, cacheable forever)."""
    stem = f"{config.output}/{file_slug(source.path)}.{source.key[:12]}"
    files = tuple(PublishedFile(f"{stem}.{variant.name}", variant) for variant in source.variants)
    return ProcessedImage(shown_path(str(source.path), content), source.key, files)


def publish_file(cached: str, target: str) -> None:
    """Hard-link the cached file into the output (no copy of the bytes); copy across file systems."""
    try:
        os.link(cached, target)
    except FileExistsError:
        os.unlink(target)
        publish_file(cached, target)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EACCES, errno.ENOTSUP):
            raise
        shutil.copyfile(cached, target)


class PhotosGenerator(Generator):
    def generate_context(self) -> None:
        self.published: dict[str, str] = {}  # published path -> cached file
        # Photos named outside articles (an author's photo, profile_photos.py) are processed by later
        # generators' context steps; they add their files here, and this generator's output step,
        # which runs after every context step, publishes them with the rest.
        self.settings[PUBLISHED_FILES] = self.published
        articles = [*self.context.get("articles", []), *self.context.get("hidden_articles", [])]
        content = str(self.settings["PATH"])
        shown = lambda article: shown_path(article.source_path, content)  # noqa: E731
        requests, problems = lead_requests(articles, shown)
        for article in articles:
            requests += body_requests(article)
        if not requests:
            report_problems(problems)
            return
        try:
            config = read_photo_settings(self.settings)
        except PhotoSettingsError as error:
            setting, _, message = str(error).partition(": ")
            report_problems([PhotoProblem("settings", setting, message)])
            return
        problems += [PhotoProblem(shown(r.article), "body", f"image {r.value!r} has no alt text: write what it "
                                  f"shows between the brackets, ![alt text]({r.value})")
                     for r in requests if r.field == "body" and not r.text.alt]
        paths, sources = self._resolve(requests, content, config, shown, problems)
        problems += self._narrow_photo_warnings(requests, paths, sources, config, shown)
        cache = PhotoCache(config.cache)
        if not any(p.error for p in problems):
            failed = fill_cache(list(dict.fromkeys(s for s in sources.values() if s)), cache, config)
            problems += [PhotoProblem(shown(r.named_in), r.field, f"{self._named(r)}: {failed[source.key]}")
                         for r in requests if not r.inherited
                         and (source := sources.get(paths.get((r.named_in.source_path, r.value)))) and source.key in failed]
        report_problems(problems)  # any error ends the build here, before a page is written
        try:
            macros = self.env.get_template(MACROS).module
        except TemplateNotFound:
            report_problems([PhotoProblem("theme", MACROS, "missing: the photos plugin draws pictures with its macros")])
            return
        images = {path: published_image(source, config, content) for path, source in sources.items()}
        for image in images.values():
            entry = str(cache.entry(image.key))
            self.published.update((f.path, os.path.join(entry, f.variant.name)) for f in image.files)
        self._attach(articles, requests, paths, images, macros)

    @staticmethod
    def _named(request: PhotoRequest) -> str:
        return f"image {request.value!r}" if request.field == "body" else repr(request.value)

    def _resolve(self, requests, content, config, shown, problems):
        """(article file, value) -> real path, and real path -> Source, each worked out once."""
        paths: dict[tuple[str, str], Path | None] = {}
        sources: dict[Path, Source | None] = {}
        fingerprint = settings_fingerprint(config)
        index = SourceIndex(config.cache)
        for request in requests:
            where = (request.named_in.source_path, request.value)
            if where in paths:
                continue
            try:
                paths[where] = path = resolve_photo(request.value, request.named_in.source_path, content, config.folder)
            except RefusedPath as why:
                paths[where] = None
                problems.append(PhotoProblem(shown(request.named_in), request.field,
                                             f"image {why}" if request.field == "body" else str(why)))
                continue
            if path not in sources:
                try:
                    sources[path] = read_source(path, index, fingerprint, config)
                except (UnreadableImage, OSError) as error:
                    sources[path] = None
                    why = f"cannot be read: {error.strerror}" if isinstance(error, OSError) else str(error)
                    problems.append(PhotoProblem(shown(request.named_in), request.field, f"{self._named(request)}: {why}"))
        index.save()
        return paths, {path: source for path, source in sources.items() if source}

    def _narrow_photo_warnings(self, requests, paths, sources, config, shown) -> list[PhotoProblem]:
        """A photo narrower than the largest width is published at the widths it has, with a warning."""
        problems, largest = [], max(config.widths)
        for request in requests:
            source = sources.get(paths.get((request.named_in.source_path, request.value)))
            if request.inherited or source is None or source.info.width >= largest:
                continue
            widths = sorted({v.width for v in source.variants if v.crop is None})
            problems.append(PhotoProblem(shown(request.article), request.field, (
                f"{self._named(request)} is {source.info.width} px wide, narrower than the largest of "
                f"PHOTOS_WIDTHS ({largest} px); published at {', '.join(map(str, widths))} px"), error=False))
        return problems

    def _attach(self, articles, requests, paths, images, macros) -> None:
        site_url = self.settings.get("SITEURL", "")
        figure = partial(macros.body_figure, site_url=site_url, sizes=STORY_SIZES)
        picture = partial(macros.picture, site_url=site_url, sizes=STORY_SIZES)
        shown: dict[int, list[Photo]] = {id(article): [] for article in articles}
        body: dict[int, dict[tuple, Photo]] = {id(article): {} for article in articles}
        for request in requests:
            image = images.get(paths.get((request.named_in.source_path, request.value)))
            if image is None:
                continue
            text = request.text
            photo = Photo(image, text.alt, text.caption, text.credit, text.alt_lang, text.caption_lang, request.field)
            shown[id(request.article)].append(photo)
            if request.field == "body":
                body[id(request.article)][request.value, text.alt, text.caption] = photo
        for article in articles:
            photos = shown[id(article)]
            article.photo = next((p for p in photos if p.field == "Image"), None)
            article.photos = sorted(photos, key=lambda p: p.field != "Image")  # the lead first
            if body[id(article)]:
                article._content = place_body_photos(article._content, body[id(article)], figure, picture)

    def generate_output(self, writer) -> None:
        folders = set()
        for path, cached in sorted(self.published.items()):
            target = os.path.join(self.output_path, path)
            if (folder := os.path.dirname(target)) not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            publish_file(cached, target)
