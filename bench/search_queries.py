"""Search quality queries for bench/search_bench.py: each query with the one story it should find.

Two sets:
- `sample_queries(content)`: the project's sample content (content/, the seed story, one article
  per language), so every query has exactly one possible answer per language; it checks that
  inflected, plural, unaccented and name forms reach the story at all.
- `corpus_queries(stories)`: the synthetic corpus (bench/corpus.py). Every corpus story is the same
  seed text with its own product, company, person, figures and year, so a query is built as
  "<entity unique to one story> <word form>": only that story is relevant, and the word form decides
  whether it is found. Stories are chosen among those whose product name no other story has.

Kinds (the issue's list): exact words, inflected forms, plurals (pt -ção/-ções, -al/-ais; id
reduplication), unaccented forms (pt), names (products, companies, people, "GPT-4", "Grok3").
A query's relevant story is identified by the slug of its article in the query's language (the
last segment of the result URL), which both engines report.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

KINDS = ("exact", "inflected", "plural", "unaccented", "names")


@dataclass(frozen=True)
class Query:
    kind: str  # one of KINDS
    lang: str  # "pt" or "id": the edition searched
    text: str  # what the reader types
    slug: str  # slug of the relevant article (in `lang`)
    note: str = ""  # what the query tests (the form in the text it should reach)


# The sample content: the seed story, "Grok 3, da xAI, perde o prazo de 2024" (pt) and its id version.
# (text, note): note says which form of the word the article has.
SAMPLE = {
    "pt": {
        "exact": [("gargalos", ""), ("treinamento", ""), ("atraso", ""), ("indústria", ""),
                  ("modelos de linguagem", "")],
        "inflected": [("atrasou", "atraso/atrasos"), ("lançada", "lançado/lançamento"),
                      ("planejada", "planejado"), ("treinar", "treinamento"), ("competir", "competitivo"),
                      ("lançar", "lançamento/lançado"), ("atrasado", "atraso")],
        "plural": [("gerações", "geração"), ("situação", "situações"), ("formações", "formação"),
                   ("preocupações", "preocupação"), ("atual", "atuais"), ("comercial", "comerciais"),
                   ("sociais", "social"), ("lançamentos", "lançamento"), ("gargalo", "gargalos")],
        "unaccented": [("lancamento", "lançamento"), ("situacao", "situações"), ("geracao", "geração"),
                       ("preocupacao", "preocupação"), ("industria", "indústria"), ("analise", "análise"),
                       ("proxima geracao", "próxima geração"), ("pressoes comerciais", "pressões comerciais")],
        "names": [("Grok3", ""), ("grok3", "lowercase"), ("Grok 3", "with a space"), ("GPT-4", ""),
                  ("gpt4", "no hyphen"), ("xAI", ""), ("Elon Musk", ""), ("Musk", ""), ("Grok2.5", ""),
                  ("Claude3.5Opus", ""), ("H100", ""), ("100.000", ""), ("Lex Fridman", "")],
    },
    "id": {
        "exact": [("hambatan", ""), ("pelatihan", ""), ("penundaan", ""), ("perusahaan", ""),
                  ("model bahasa", "")],
        "inflected": [("peluncurannya", "peluncuran"), ("dilatih", "pelatihan"),
                      ("keterlambatannya", "keterlambatan"), ("dikembangkan", "pengembangan/mengembangkan"),
                      ("menunda", "penundaan/tertunda"), ("meluncurkan", "meluncurkan/diluncurkan"),
                      ("dirilis", "dirilis/perilisan")],
        "plural": [("perusahaan-perusahaan", "perusahaan"), ("model-model", "model-model"),
                   ("tantangan-tantangan", "tantangan"), ("pesaing-pesaing", "pesaingnya")],
        "unaccented": [],  # Indonesian is written without accents
        "names": [("Grok3", ""), ("grok3", "lowercase"), ("Grok 3", "with a space"), ("GPT-4", ""),
                  ("gpt4", "no hyphen"), ("xAI", ""), ("Elon Musk", ""), ("Musk", ""), ("Grok2.5", ""),
                  ("Claude3.5Opus", ""), ("H100", ""), ("100.000", ""), ("Lex Fridman", "")],
    },
}

# Corpus templates: {product}, {company}, {person}, {last}, {product5} ("<product>.5", the corpus's
# "Grok2.5"), {figure} ("450.000"), {hnum} ("H123"). Every corpus story has the same seed words, so
# the entity picks the story and the word form must still match for the story to be found.
CORPUS = {
    "pt": {
        "exact": [("{product} atraso", ""), ("{product} gargalos", ""), ("{product} treinamento", "")],
        "inflected": [("{product} atrasou", "atraso"), ("{product} lançada", "lançado"),
                      ("{product} planejada", "planejado"), ("{product} treinar", "treinamento")],
        "plural": [("{product} gerações", "geração"), ("{product} situação", "situações"),
                   ("{product} atual", "atuais"), ("{product} comercial", "comerciais"),
                   ("{product} sociais", "social"), ("{product} lançamentos", "lançamento")],
        "unaccented": [("{product} lancamento", "lançamento"), ("{product} situacao", "situações"),
                       ("{product} geracao", "geração"), ("{product} preocupacao", "preocupação"),
                       ("{product} industria", "indústria")],
        "names": [("{product}", "product"), ("{company} {product}", "company + product"),
                  ("{person}", "person"), ("{product5}", "product version"),
                  ("GPT-4 {product}", "GPT-4 + product"), ("{figure} {hnum}", "figures")],
    },
    "id": {
        "exact": [("{product} penundaan", ""), ("{product} hambatan", ""), ("{product} pelatihan", "")],
        "inflected": [("{product} peluncurannya", "peluncuran"), ("{product} dilatih", "pelatihan"),
                      ("{product} keterlambatannya", "keterlambatan"),
                      ("{product} dikembangkan", "pengembangan")],
        "plural": [("{product} perusahaan-perusahaan", "perusahaan"), ("{product} tantangan-tantangan", "tantangan")],
        "unaccented": [],
        "names": [("{product}", "product"), ("{company} {product}", "company + product"),
                  ("{person}", "person"), ("{product5}", "product version"),
                  ("GPT-4 {product}", "GPT-4 + product"), ("{figure} {hnum}", "figures")],
    },
}

STORIES_PER_LANGUAGE = 8  # corpus stories queried per language (each with every template)


def _front_matter(path: Path) -> dict[str, str]:
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        name, _, value = line.partition(":")
        meta[name.strip().lower()] = value.strip()
    return meta


def sample_queries(content: Path) -> list[Query]:
    """Queries over the sample content: the relevant article is the only article of its language."""
    slugs = {}
    for path in sorted(content.rglob("*.md")):
        meta = _front_matter(path)
        slugs.setdefault(meta["lang"], meta["slug"])
    queries = []
    for lang, kinds in SAMPLE.items():
        for kind, items in kinds.items():
            queries += [Query(kind, lang, text, slugs[lang], note) for text, note in items]
    return queries


def _entities(story) -> dict[str, str]:
    """The corpus story's own names and figures, read back from the article (see corpus._entities)."""
    product, company, person = story.pt.tags
    body = " ".join(story.pt.paragraphs)
    figure = re.search(r"após (\d+\.000) treinamentos", body).group(1)
    hnum = re.search(r"treinamentos (H\d+)", body).group(1)
    return {"product": product, "company": company, "person": person, "last": person.split()[-1],
            "product5": product + ".5", "figure": figure, "hnum": hnum}


def corpus_queries(stories, per_language: int = STORIES_PER_LANGUAGE, seed: int = 11) -> list[Query]:
    """Queries over the synthetic corpus, each naming a story whose product no other story has.

    The stories are spread over the whole date range (old stories sit in the last index shards).
    A "{figure} {hnum}" query is kept only where that pair is unique too; "{person}" only where the
    full name is.
    """
    entities = [_entities(story) for story in stories]
    counts = {field: Counter(e[field].lower() for e in entities) for field in ("product", "person")}
    pairs = Counter((e["figure"], e["hnum"]) for e in entities)
    unique = [n for n, e in enumerate(entities) if counts["product"][e["product"].lower()] == 1]
    rng = random.Random(seed)
    queries = []
    for lang in ("pt", "id"):
        # one story from each of `per_language` equal slices of the (date-ordered) unique ones
        chosen = []
        for part in range(per_language):
            candidates = unique[part * len(unique) // per_language:(part + 1) * len(unique) // per_language]
            if candidates:
                chosen.append(rng.choice(candidates))
        for n in chosen:
            e = entities[n]
            article = getattr(stories[n], lang)
            for kind, items in CORPUS[lang].items():
                for template, note in items:
                    if "{person}" in template and counts["person"][e["person"].lower()] != 1:
                        continue
                    if "{figure}" in template and pairs[(e["figure"], e["hnum"])] != 1:
                        continue
                    queries.append(Query(kind, lang, template.format(**e), article.slug, note))
    return queries


# Keystroke-to-results queries: typed on a loaded search page. Common words (every story matches,
# so the result list is as long as the archive), prefixes and rare names, `{product}` filled from
# the corpus. The last character is the keystroke measured, so each ends with an ASCII letter or digit.
LATENCY = {
    "pt": ["lançamento", "treinamento", "gargalos", "modelo", "empresas", "atraso do modelo", "GPT-4",
           "indústria de IA", "desempenho", "pesquisa", "{product}", "{product} atraso", "{company}",
           "{person}", "{product} lançamento", "situacao", "gerações", "Gemini", "OpenAI", "Google"],
    "id": ["peluncuran", "pelatihan", "hambatan", "model", "perusahaan", "penundaan model", "GPT-4",
           "industri AI", "kinerja", "penelitian", "{product}", "{product} penundaan", "{company}",
           "{person}", "{product} peluncuran", "dilatih", "perusahaan-perusahaan", "Gemini", "OpenAI", "Google"],
}


def latency_queries(stories, lang: str, seed: int = 5) -> list[str]:
    """The keystroke-to-results queries for one language, names taken from random corpus stories."""
    rng = random.Random(seed)
    queries = []
    for template in LATENCY[lang]:
        e = _entities(rng.choice(stories)) if stories else {}
        queries.append(template.format(**e) if e else template)
    return [q for q in queries if "{" not in q]


def oldest_unique_product(stories) -> str:
    """The product name of the oldest story whose product no other story has (the last shard's)."""
    products = Counter(story.pt.tags[0].lower() for story in stories)
    return next(story.pt.tags[0] for story in stories if products[story.pt.tags[0].lower()] == 1)
