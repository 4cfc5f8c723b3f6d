"""The search files the build writes: per-language manifest, term partitions, document data, display fragments."""

import hashlib
import json
import math
import random
import re
import subprocess

import pytest

from search.analyzer import analyzer_for, fold
from search.lunr_index import SearchDocument, lunr_builder
from search.partitions import find_partition, term_postings
from support import REALNEWS, ROOT, read_jsonl, write_article


def read(site, path):
    return json.loads((site.output / path).read_text("utf-8"))


def stories(site, lang):
    """Every display row of `lang`'s index, by document id."""
    display = read(site, f"search/{lang}/meta.json")["display"]
    rows = []
    for k in range(-(-read(site, f"search/{lang}/meta.json")["count"] // display["size"])):
        rows += read(site, f"search/{lang}/display/{k}.{display['hashes'][k // display['block']]}.json")
    return rows


def search(site, lang, text):
    """Ids of the stories that have every term of `text` (analyzed as the browser does), from the partitions."""
    meta = read(site, f"search/{lang}/meta.json")
    found = None
    for term in analyzer_for(lang).terms(text):
        position = find_partition(meta["partitions"], term)
        if position is None:
            return set()
        entries = {e[0]: e for e in read(site, f"search/{lang}/terms/{meta['partitions'][position][2]}.json")}
        if term not in entries:
            return set()
        ids = {sum(column[:n + 1]) for column in entries[term][2::2] for n in range(len(column))}
        found = ids if found is None else found & ids
    return found or set()


def test_each_language_has_a_manifest_and_its_stories(sample_site):
    sources = {lang: sorted((ROOT / "content" / lang).glob("*.md")) for lang in ("pt", "id")}
    keys = {lang: [line.split(": ", 1)[1] for path in paths for line in path.read_text("utf-8").splitlines()
                   if line.startswith("Translation_Key: ")] for lang, paths in sources.items()}
    shared = set(keys["pt"]) & set(keys["id"])
    for lang in ("pt", "id"):
        meta = read(sample_site, f"search/{lang}/meta.json")
        assert meta["format"] == 3 and meta["count"] == len(sources[lang]) >= 6 and meta["fields"] == ["title", "body"]
        assert meta["analyzer"]["lang"] == lang and meta["analyzer"]["stopwords"]
        for first, last, digest in meta["partitions"]:
            data = (sample_site.output / f"search/{lang}/terms/{digest}.json").read_bytes()
            assert digest == hashlib.sha256(data).hexdigest()[:10] and first <= last
        assert re.fullmatch(r"docs\.[0-9a-f]{10}\.json", meta["docs"])
        docs = read(sample_site, f"search/{lang}/{meta['docs']}")
        assert docs["days"][0] == 20091 and min(docs["days"][1:]) >= 0  # oldest first: 2025-01-03, the seed story
        assert len(docs["categories"]) == len(docs["stories"]) == meta["count"]
        # each category names its section's counterpart in the other edition (SECTIONS)
        assert meta["categories"] == {
            "pt": [["pt/cidades", "Cidades", ["id/kota"]], ["pt/economia", "Economia", ["id/ekonomi"]],
                   ["pt/tecnologia", "Tecnologia", ["id/teknologi"]]],
            "id": [["id/ekonomi", "Ekonomi", ["pt/economia"]], ["id/kota", "Kota", ["pt/cidades"]],
                   ["id/teknologi", "Teknologi", ["pt/tecnologia"]]]}[lang]
        assert meta["years"] == ["2025"]
        rows = stories(sample_site, lang)
        assert sum(bool(translations) for *_, translations, _ in rows) == len(shared)
        ((title, url, shown, summary, translations, text),) = [row for row in rows if "grok-3" in row[1]]
        source = next(path for path in sources[lang] if "grok-3" in path.name).read_text("utf-8")
        last_words = source.split()[-3:]  # the story's text ends the snippet source, without tags or category
        assert text.split()[-3:] == last_words and not text.endswith(("Tecnologia", "Teknologi"))
        assert text.count("\n") >= 5  # a line per paragraph: snippets never join two
        assert url.startswith(f"{lang}/2025/01/")
        assert shown == {"pt": "3 de janeiro de 2025", "id": "3 Januari 2025"}[lang]
        other = "id" if lang == "pt" else "pt"
        assert list(translations) == [other] and translations[other].startswith(f"{other}/2025/01/")
        assert len(summary) <= 281


def test_the_index_finds_inflected_and_unaccented_forms(sample_site):
    for text in ("gerações", "situacao", "lancamento", "Grok3", "GPT-4"):
        assert search(sample_site, "pt", text) == {0}, text
    for text in ("peluncurannya", "dilatih", "perusahaan"):
        assert search(sample_site, "id", text) == {0}, text


def test_large_archives_are_split_by_term_and_every_story_is_indexed_once(content_dir, build_site):
    for n in range(8):
        write_article(content_dir, "pt", f"n{n}", title=f"Notícia {n}", date=f"{2018 + n}-06-01 10:00",
                      category="Economia" if n % 2 else "Política", body=f"Texto número {n} sobre o tema {n * 7}.")
    write_article(content_dir, "pt", "oculta", title="Oculta", extra="\nStatus: hidden")
    site = build_site(content_dir, SEARCH_PARTITION_GZIP_BYTES=60)
    meta = read(site, "search/pt/meta.json")
    assert len(meta["partitions"]) > 3
    assert all(a[1] < b[0] for a, b in zip(meta["partitions"], meta["partitions"][1:]))  # sorted, disjoint
    assert meta["years"] == [str(year) for year in range(2025, 2017, -1)]
    assert meta["categories"] == [["pt/economia", "Economia", []], ["pt/politica", "Política", []]]
    assert [row[0] for row in stories(site, "pt")] == [f"Notícia {n}" for n in range(8)]  # oldest first, hidden not
    assert search(site, "pt", "notícia") == set(range(8)) and search(site, "pt", "42") == {6}
    assert read(site, "search/id/meta.json")["count"] == 0 and read(site, "search/id/meta.json")["partitions"] == []


def test_a_link_is_indexed_by_its_words_not_by_where_it_leads(content_dir, build_site):
    """The index holds the text readers see: a link's words, not its address, whether written as a
    {filename} link (resolved by Pelican inside the tag only) or as a plain URL."""
    write_article(content_dir, "pt", "alvo", title="Alvo", body="Texto do alvo.")
    write_article(content_dir, "pt", "fonte", title="Fonte",
                  body="Leia [a reportagem]({filename}/pt/alvo.md) e <a href=\"https://exemplo.org/orcamento\">isto</a>.")
    site = build_site(content_dir)
    fonte = [row[0] for row in stories(site, "pt")].index("Fonte")
    assert search(site, "pt", "reportagem") == {fonte}
    assert search(site, "pt", "orçamento") == search(site, "pt", "exemplo") == search(site, "pt", "filename") == set()


def test_written_words_are_listed_with_their_terms_for_the_word_being_typed(sample_site):
    for lang, word in (("pt", "geração"), ("id", "peluncuran")):
        meta = read(sample_site, f"search/{lang}/meta.json")
        entries = [e for _, _, digest in meta["words"] for e in read(sample_site, f"search/{lang}/words/{digest}.json")]
        assert [e[0] for e in entries] == sorted(e[0] for e in entries)  # sorted for the prefix lookup
        by_word = {written: (term, stories) for written, term, stories in entries}
        written = fold(word.lower())
        assert by_word[written] == (analyzer_for(lang).term(word), 1)
        assert search(sample_site, lang, word) == {0}
        assert all(written != term for written, (term, _) in by_word.items())  # a word that is its term needs none


def test_browser_assets_come_from_node_modules(sample_site):
    (vendor,) = (sample_site.output / "search").glob("vendor.*")
    assert not (vendor / "lunr.min.js").exists()  # engine.js scores as lunr.js does, without it
    for name, file in (("portuguese", "pt.js"), ("indonesian", "id.js")):
        packaged = ROOT / "node_modules/@orama/stemmers/dist" / file
        assert (vendor / "stemmers" / f"{name}.js").read_bytes() == packaged.read_bytes()


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_the_postings_carry_the_counts_and_term_order_lunr_py_itself_weighs(lang):
    """Real news of unequal lengths (BM25's length normalisation at work), repeated words, one
    empty title and one title of stop words only: the term frequencies, field lengths and averages
    lunr.py's Builder weighs, and its term index order (the order of its sums)."""
    analyzer = analyzer_for(lang)
    news = [d for d in read_jsonl(REALNEWS / "corpus.jsonl") if d["lang"] == lang]
    documents = [SearchDocument(title=d["title"] or "", url=d["url"], date=d["date"], shown_date="", summary="",
                                body=d["text"], category="", key=None) for d in news]
    documents[3].title, documents[5].title = "", {"pt": "De que", "id": "Yang dan"}[lang]
    builder, _ = lunr_builder(documents, analyzer)
    counts, _ = term_postings(documents, analyzer)
    found = {}
    for term, (same_term, _, *columns) in counts.postings.items():
        assert same_term == term
        for f, field in enumerate(["title", "body"]):
            for doc, tf in zip(columns[2 * f], columns[2 * f + 1]):
                found[f"{field}/{doc}", term] = tf
    expected = {(ref, term): tf for ref, frequencies in builder.field_term_frequencies.items()
                for term, tf in frequencies.items()}
    assert found == expected and len(found) > 5000  # every posting of dozens of stories
    assert {f"{field}/{doc}": length for f, field in enumerate(["title", "body"])
            for doc, length in enumerate(counts.lengths[f])} == builder.field_lengths
    assert counts.average == dict(builder.average_field_length) and counts.lengths[0][3] == 0
    lunr_order = sorted(builder.inverted_index, key=lambda term: builder.inverted_index[term]["_index"])
    first_document = {term: min(column[0] for column in entry[2::2] if column) for term, entry in counts.postings.items()}
    assert sorted(counts.postings, key=lambda term: (first_document[term], counts.postings[term][1])) == lunr_order


def test_the_browser_rounds_weights_as_lunr_py_does():
    """round(w, 3) rounds w's exact binary value: 0.0125 is a little above a half-thousandth (0.013)
    though 0.0125 * 1000 is exactly 12.5; 0.0625 is a tie, rounded to even (0.062)."""
    rng = random.Random(14)
    values = [0.0125, 0.0625, 0.1875, 2.0625, 0.0005, 1.0004999, 3.14159, 0.0135]
    values += [rng.uniform(0, 40) for _ in range(20_000)]
    values += [(n + 0.5) / 1000 + rng.choice([-1, 0, 1]) * 1e-17 for n in range(5_000)]
    values += [math.nextafter((n + 0.5) / 1000, direction) for n in range(2_000) for direction in (0, 1)]
    result = subprocess.run(["node", "--input-type=module", "-e", ROUND3], input=json.dumps(values),
                            capture_output=True, text=True, cwd=ROOT, check=True)
    browser = json.loads(result.stdout)
    assert [round(v, 3) for v in values][:8] == [0.013, 0.062, 0.188, 2.062, 0.001, 1.0, 3.142, 0.013]
    assert [(v, b) for v, b in zip(values, browser) if b != round(v, 3)] == []


ROUND3 = """
import { round3 } from "./theme/static/js/search/engine.js";
let input = "";
for await (const chunk of process.stdin) input += chunk;
process.stdout.write(JSON.stringify(JSON.parse(input).map(round3)));
"""


def test_a_category_and_the_one_its_translations_carry_most_often_both_ways_are_counterparts():
    from types import SimpleNamespace

    from search.generator import sections

    def story(lang, category, key):
        return SimpleNamespace(lang=lang, category=SimpleNamespace(name=category, slug=category.lower()),
                               translation_key=key)

    articles = [story("pt", "Economia", f"k{n}") for n in range(3)] + [
        story("id", "Ekonomi", "k0"), story("id", "Ekonomi", "k1"),
        story("id", "Teknologi", "k2"),  # one translation filed elsewhere: no merge
        story("pt", "Esporte", None), story("id", "Olahraga", "k9")]
    assert sections(articles, "translation_key") == {
        "pt": {"Economia": ["pt/economia", ["id/ekonomi"]], "Esporte": ["pt/esporte", []]},
        "id": {"Ekonomi": ["id/ekonomi", ["pt/economia"]], "Teknologi": ["id/teknologi", []],
               "Olahraga": ["id/olahraga", []]},
    }


def test_an_edition_whose_titles_are_all_stop_words_is_indexed():
    documents = [SearchDocument(title="De que", url=f"pt/{n}/", date="2025-01-03", shown_date="", summary="",
                                body=f"Chuva forte número {n}.", category="", key=None) for n in range(3)]
    counts, _ = term_postings(documents, analyzer_for("pt"))
    assert counts.average["title"] == 0 and counts.postings["chuv"][4] == [0, 1, 2]  # body postings
