"""Write each edition's search shards and meta, and copy the browser's lunr.js and stemmers."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path

from babel.dates import format_date
from pelican.generators import Generator

from .analyzer import UnsupportedLanguage, analyzer_config, analyzer_for
from .shards import SearchDocument, build_shard, plain_text, short_summary, split_shards

logger = logging.getLogger(__name__)

# Browser assets from npm (package.json / package-lock.json), copied into output/search/vendor/.
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
    """Runs after the editions generator, which has given every article its edition URL."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        languages = self.settings.get("LANGUAGES") or {}
        shard_size = self.settings.get("SEARCH_SHARD_SIZE", 500)
        key_field = self.settings.get("TRANSLATION_KEY_FIELD", "translation_key")
        output = Path(self.output_path) / "search"
        stemmers = set()
        for code, language in languages.items():
            try:
                config = analyzer_config(code)
            except UnsupportedLanguage as error:
                logger.error("LANGUAGES[%r]: %s; its stories are not searchable", code, error)
                continue
            stemmers.add(config.stemmer)
            articles = [a for a in self.context.get("articles", []) if a.lang == code]
            documents = [search_document(a, language["locale"], set(languages), key_field) for a in articles]
            self._write_language(output / code, documents, config, shard_size)
        self._copy_assets(output / "vendor", stemmers)

    def _write_language(self, folder: Path, documents: list, config, shard_size: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        analyzer = analyzer_for(config.lang)
        shards = []
        for number, shard in enumerate(split_shards(documents, shard_size)):
            data = json_bytes(build_shard(shard, analyzer))
            # Shards are named by content, so a host can cache them forever; meta.json names them.
            name = f"{number}.{hashlib.sha256(data).hexdigest()[:10]}.json"
            (folder / name).write_bytes(data)
            shards.append({
                "file": name,
                "count": len(shard),
                "newest": shard[0].date[:10],
                "oldest": shard[-1].date[:10],
            })
        write_json(folder / "meta.json", {
            "analyzer": config.as_json(),
            "shards": shards,
            "years": sorted({d.date[:4] for d in documents}, reverse=True),
            "categories": sorted({d.category for d in documents if d.category}),
        })

    def _copy_assets(self, vendor: Path, stemmers: set[str]) -> None:
        modules = Path(self.settings.get("NODE_MODULES", "node_modules"))
        wanted = {LUNR_JS: vendor / "lunr.min.js"}
        for algorithm in stemmers:
            wanted[Path("@orama") / "stemmers" / "dist" / STEMMER_FILES[algorithm]] = vendor / "stemmers" / f"{algorithm}.js"
        for source, target in wanted.items():
            if not (modules / source).is_file():
                logger.error("search: %s is missing; run `npm ci` (make html and make test do)", modules / source)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(modules / source, target)


def json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_json(path: Path, data) -> None:
    path.write_bytes(json_bytes(data))
