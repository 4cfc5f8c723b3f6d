"""Write each edition's search shards and meta, and copy the browser's lunr.js and stemmers."""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from babel.dates import format_date
from pelican.generators import Generator

from .analyzer import UnsupportedLanguage, analyzer_config, analyzer_for
from .shards import SearchDocument, build_shard, plain_text, short_summary, split_shards

logger = logging.getLogger(__name__)

# Browser assets from npm (package.json / package-lock.json), copied into output/search/vendor.<hash>/.
LUNR_JS = Path("lunr") / "lunr.min.js"
STEMMER_FILES = {"portuguese": "pt.js", "indonesian": "id.js", "english": "en.js"}


def search_document(article, locale: str, languages: set[str], key_field: str) -> SearchDocument:
    terms = [getattr(article, "category", None), *getattr(article, "tags", [])]
    body = plain_text(article.content)
    return SearchDocument(
        title=article.title,
        url=article.url,
        date=article.date.isoformat(),
        shown_date=format_date(article.date, "long", locale=locale),
        summary=short_summary(plain_text(article.summary)),
        body=" ".join([body, *(term.name for term in terms if term)]),
        category=article.category.name if getattr(article, "category", None) else "",
        key=getattr(article, key_field, None),
        translations={t.lang: t.url for t in article.translations if t.lang in languages},
    )


class SearchIndexGenerator(Generator):
    """Plans the shards once the articles have their edition URLs, builds them in worker processes
    while the pages are being written, and writes them at the end."""

    def generate_context(self) -> None:
        languages = self.settings.get("LANGUAGES") or {}
        shard_size = self.settings.get("SEARCH_SHARD_SIZE", 500)
        key_field = self.settings.get("TRANSLATION_KEY_FIELD", "translation_key")
        self.stemmers, self.editions, jobs = set(), [], []
        for code, language in languages.items():
            try:
                config = analyzer_config(code)
            except UnsupportedLanguage as error:
                logger.error("LANGUAGES[%r]: %s; its stories are not searchable", code, error)
                continue
            self.stemmers.add(config.stemmer)
            articles = [a for a in self.context.get("articles", []) if a.lang == code]
            documents = [search_document(a, language["locale"], set(languages), key_field) for a in articles]
            shards = split_shards(documents, shard_size)
            self.editions.append((code, config, documents, shards))
            jobs += [(code, shard) for shard in shards]
        self.built = ShardBuilds(jobs)
        self.vendor_files = self._vendor_files()
        # The vendor folder is named by its content, so hosts can cache it forever; the search
        # page (written before this generator's output) finds it through SEARCH_VENDOR.
        self.vendor = f"search/vendor.{vendor_digest(self.vendor_files)}/"
        self.context["SEARCH_VENDOR"] = self.vendor

    def generate_output(self, writer) -> None:
        output = Path(self.output_path) / "search"
        built = iter(self.built.results())
        for code, config, documents, shards in self.editions:
            self._write_language(output / code, config, documents, shards, [next(built) for _ in shards])
        self._copy_assets(Path(self.output_path) / self.vendor)

    def _write_language(self, folder: Path, config, documents: list, shards: list, built: list[bytes]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        listed = []
        for number, (shard, data) in enumerate(zip(shards, built)):
            # Shards are named by content, so a host can cache them forever; meta.json names them.
            name = f"{number}.{hashlib.sha256(data).hexdigest()[:10]}.json"
            (folder / name).write_bytes(data)
            listed.append({
                "file": name,
                "count": len(shard),
                "newest": shard[0].date[:10],
                "oldest": shard[-1].date[:10],
            })
        write_json(folder / "meta.json", {
            "analyzer": config.as_json(),
            "shards": listed,
            "years": sorted({d.date[:4] for d in documents}, reverse=True),
            "categories": sorted({d.category for d in documents if d.category}),
        })

    def _vendor_files(self) -> dict[str, Path]:
        """{path inside the vendor folder: file in node_modules} for lunr.js and the stemmers."""
        modules = Path(self.settings.get("NODE_MODULES", "node_modules"))
        wanted = {"lunr.min.js": modules / LUNR_JS}
        for algorithm in sorted(self.stemmers):
            wanted[f"stemmers/{algorithm}.js"] = modules / "@orama" / "stemmers" / "dist" / STEMMER_FILES[algorithm]
        for source in wanted.values():
            if not source.is_file():
                logger.error("search: %s is missing; run `npm ci` (make html and make test do)", source)
        return {name: source for name, source in wanted.items() if source.is_file()}

    def _copy_assets(self, vendor: Path) -> None:
        for name, source in self.vendor_files.items():
            (vendor / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, vendor / name)


def vendor_digest(files: dict[str, Path]) -> str:
    combined = hashlib.sha256()
    for name, source in sorted(files.items()):
        combined.update(name.encode() + b"\0" + source.read_bytes())
    return combined.hexdigest()[:10]


PARALLEL_MIN_DOCUMENTS = 400  # below it, starting worker processes costs more than it saves


def build_shard_bytes(job: tuple[str, list]) -> bytes:
    lang, shard = job
    return json_bytes(build_shard(shard, analyzer_for(lang)))


class ShardBuilds:
    """Every shard's file content; for a large archive built in worker processes, started at once."""

    def __init__(self, jobs: list[tuple[str, list]]):
        self.jobs = jobs
        self.pool = self.futures = None
        workers = min(len(jobs), os.cpu_count() or 1)
        if workers >= 2 and sum(len(shard) for _, shard in jobs) >= PARALLEL_MIN_DOCUMENTS:
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            self.futures = [self.pool.submit(build_shard_bytes, job) for job in jobs]

    def results(self) -> list[bytes]:
        if self.pool is None:
            return [build_shard_bytes(job) for job in self.jobs]
        with self.pool:
            return [future.result() for future in self.futures]


def json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_json(path: Path, data) -> None:
    path.write_bytes(json_bytes(data))
