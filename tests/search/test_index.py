"""The search files the build writes: per-language meta, shards newest first, compact doc store."""

import hashlib
import json
import re

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import QueryPresence

from search.analyzer import analyzer_for, tokenize
from search.shards import SearchDocument, build_index, new_builder, pipeline_label, register_pipeline_function
from support import ROOT, SEEDS, write_article


def read(site, path):
    return json.loads((site.output / path).read_text("utf-8"))


def shard_files(site, lang):
    return [shard["file"] for shard in read(site, f"search/{lang}/meta.json")["shards"]]


def search(shard, lang, text):
    """Titles found for `text`, every term required, analyzed as the browser does (engine.js)."""
    register_pipeline_function(analyzer_for(lang))  # Index.load needs the serialized label
    index = Index.load(shard["index"])
    query = index.create_query()
    for term in analyzer_for(lang).terms(text):
        query.term(term, use_pipeline=False, presence=QueryPresence.REQUIRED)
    return [shard["docs"][int(match["ref"])][1] for match in index.query(query)]


def test_each_language_has_meta_and_a_shard_with_its_stories(sample_site):
    for lang in ("pt", "id"):
        meta = read(sample_site, f"search/{lang}/meta.json")
        assert meta["analyzer"]["lang"] == lang and meta["analyzer"]["stopwords"]
        (name,) = shard_files(sample_site, lang)
        assert re.fullmatch(r"0\.[0-9a-f]{10}\.json", name) and meta["shards"][0]["count"] == 1
        shard = read(sample_site, f"search/{lang}/{name}")
        assert name.split(".")[1] == hashlib.sha256((sample_site.output / f"search/{lang}/{name}").read_bytes()).hexdigest()[:10]
        assert shard["index"]["pipeline"] == [pipeline_label(lang)]
        (doc,) = shard["docs"]
        ref, title, url, date, shown, summary, category, key, translations = doc
        assert url.startswith(f"{lang}/2025/01/") and date.startswith("2025-01-03")
        assert shown == {"pt": "3 de janeiro de 2025", "id": "3 Januari 2025"}[lang]
        assert key == "2025-01-o-modelo-de-ia-de-proxima-geracao-da-xai"
        other = "id" if lang == "pt" else "pt"
        assert list(translations) == [other] and translations[other].startswith(f"{other}/2025/01/")
        assert len(summary) <= 281


def test_the_index_finds_inflected_and_unaccented_forms(sample_site):
    pt = read(sample_site, f"search/pt/{shard_files(sample_site, 'pt')[0]}")
    id_ = read(sample_site, f"search/id/{shard_files(sample_site, 'id')[0]}")
    for text in ("gerações", "situacao", "lancamento", "Grok3", "GPT-4"):
        assert len(search(pt, "pt", text)) == 1, text
    for text in ("peluncurannya", "dilatih", "perusahaan"):
        assert len(search(id_, "id", text)) == 1, text


def test_large_archives_are_split_newest_first_and_every_story_is_indexed_once(content_dir, build_site):
    for n in range(8):
        write_article(content_dir, "pt", f"n{n}", title=f"Notícia {n}", date=f"{2018 + n}-06-01 10:00",
                      category="Economia" if n % 2 else "Política")
    write_article(content_dir, "pt", "oculta", title="Oculta", extra="\nStatus: hidden")
    site = build_site(content_dir, SEARCH_SHARD_SIZE=3)
    meta = read(site, "search/pt/meta.json")
    assert [(s["file"][:2], s["count"], s["newest"][:4], s["oldest"][:4]) for s in meta["shards"]] == [
        ("0.", 3, "2025", "2023"), ("1.", 3, "2022", "2020"), ("2.", 2, "2019", "2018")]
    assert meta["years"] == [str(year) for year in range(2025, 2017, -1)]
    assert meta["categories"] == ["Economia", "Política"]
    titles = [doc[1] for s in meta["shards"] for doc in read(site, f"search/pt/{s['file']}")["docs"]]
    assert titles == [f"Notícia {n}" for n in range(7, -1, -1)]  # each once, hidden one not at all
    assert read(site, "search/id/meta.json")["shards"] == []


def test_browser_assets_come_from_node_modules(sample_site):
    (vendor,) = (sample_site.output / "search").glob("vendor.*")
    assert (vendor / "lunr.min.js").read_bytes() == (ROOT / "node_modules/lunr/lunr.min.js").read_bytes()
    for name, file in (("portuguese", "pt.js"), ("indonesian", "id.js")):
        packaged = ROOT / "node_modules/@orama/stemmers/dist" / file
        assert (vendor / "stemmers" / f"{name}.js").read_bytes() == packaged.read_bytes()


def test_the_fast_builder_writes_the_index_lunr_py_itself_writes():
    analyzer = analyzer_for("pt")
    documents = [
        SearchDocument(title=f"Notícia {n}", url=f"pt/{n}/", date="2025-01-03", shown_date="", summary="",
                       body=(SEEDS / "story-01.a.txt").read_text("utf-8")[n * 200:], category="", key=None)
        for n in range(5)
    ]
    plain = new_builder(Builder, analyzer, tokenize)  # lunr.py's own add(): tokens through the pipeline
    for ref, document in enumerate(documents):
        plain.add({"ref": ref, "title": document.title, "body": document.body})
    assert build_index(documents, analyzer) == plain.build().serialize()
