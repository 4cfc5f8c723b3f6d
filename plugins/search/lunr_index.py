"""The stories a search finds and the lunr.py index built over them (one per language).

partitions.py writes this index as the files the browser reads.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from lunr.builder import Builder
from lunr.pipeline import Pipeline

from .analyzer import Analyzer, Vocabulary, tokenize

TAGS = re.compile(r"<[^>]+>")
# Tags that end a block of text: the snippet never joins sentences across them.
BLOCK_ENDS = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|td|th|pre)\s*>|<br\s*/?>|<(?:hr|/?ul|/?ol|/?table)\b[^>]*>", re.I)
SUMMARY_CHARS = 280
TITLE_BOOST = 8
FIELDS = (("title", TITLE_BOOST), ("body", 1))  # indexed fields and their boosts, in lunr's order
K1, B = Builder()._k1, Builder()._b  # lunr's BM25 parameters (its defaults)


@dataclass
class SearchDocument:
    title: str
    url: str
    date: str  # ISO 8601
    shown_date: str  # in the edition's language
    summary: str
    body: str  # what is indexed: the story's text and its category and tag names
    category: str
    key: str | None
    translations: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the story's text as the reader sees it, for snippets (defaults to `body`)

    def display(self) -> list:
        """What a result shows (a row of a display fragment)."""
        return [self.title, self.url, self.shown_date, self.summary, self.translations, self.text or self.body]


def plain_text(markup: str) -> str:
    return " ".join(html.unescape(TAGS.sub(" ", markup)).split())


def plain_paragraphs(markup: str) -> str:
    """Plain text with one line per block (paragraph, heading, list item...)."""
    lines = (plain_text(block) for block in BLOCK_ENDS.split(markup))
    return "\n".join(line for line in lines if line)


def short_summary(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def pipeline_label(lang: str) -> str:
    """The name lunr serializes; the browser registers a function under the same name."""
    return f"newsroom-{lang}"


def register_pipeline_function(analyzer: Analyzer):
    """A lunr pipeline function (token -> index term or None) for this analyzer, registered once."""
    label = pipeline_label(analyzer.config.lang)
    if label in Pipeline.registered_functions:
        return Pipeline.registered_functions[label]
    cache: dict[str, str | None] = {}  # news vocabularies repeat: stem each distinct word once

    def analyze(token, i, tokens):
        word = str(token)
        if word not in cache:
            cache[word] = analyzer.term(word)
        term = cache[word]
        return token.update(lambda *_: term) if term else None

    Pipeline.register_function(analyze, label)
    return analyze


def build_index(documents: list[SearchDocument], analyzer: Analyzer) -> dict:
    """A serialized lunr.py index over title (boosted) and body, built by lunr.py itself with the
    analyzer as its pipeline (one monolithic index: the reference the partitioned index is tested
    against)."""
    function = register_pipeline_function(analyzer)
    builder = Builder()
    builder.pipeline.add(function)
    builder.search_pipeline.add(function)
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost, extractor=lambda doc, name=name: tokenize(doc[name]))
    for ref, document in enumerate(documents):
        builder.add({"ref": ref, "title": document.title, "body": document.body})
    return builder.build().serialize()


def idf(documents_with_term: int, document_count: int) -> float:
    """lunr.idf.idf, from the count it takes out of a posting (documents per field, summed)."""
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def lunr_postings(documents: list[SearchDocument], vocabulary: Vocabulary, scale: int) -> tuple[dict, dict]:
    """{term: [term, lunr term index, <per field of FIELDS: doc ids, weights × scale as integers>]}
    and {field: average length}: what lunr.py's Builder computes for these documents (refs being
    positions in `documents`), without it.

    The Builder wraps every token in a Token, runs its pipeline token by token and builds a
    lunr.Vector per field; with a news archive that was most of the index build. Here each field's
    terms come from the analyzer once per distinct word (Vocabulary), and the weights are lunr's
    BM25 by the same float operations in the same order (Builder._create_field_vectors), rounded
    to 3 decimals as it rounds them; term indexes are given in the order it gives them (first
    occurrence, field by field). tests/search/test_index.py holds this to lunr.py's own index."""
    count = len(documents)
    postings: dict[str, list] = {}
    lengths = [[0] * count for _ in FIELDS]
    for doc, document in enumerate(documents):
        for f, text in enumerate((document.title, document.body)):
            terms = vocabulary.terms(text)
            lengths[f][doc] = len(terms)
            for term, tf in Counter(terms).items():  # keys in order of first occurrence, as lunr.py's add()
                entry = postings.get(term)
                if entry is None:
                    entry = postings[term] = [term, len(postings), *([] for _ in range(2 * len(FIELDS)))]
                entry[2 + 2 * f].append(doc)
                entry[3 + 2 * f].append(tf)
    average = {name: sum(lengths[f]) / count for f, (name, _) in enumerate(FIELDS)} if count else {}
    idfs = {term: idf(sum(map(len, entry[2::2])), count) for term, entry in postings.items()}
    for f, (name, boost) in enumerate(FIELDS):
        if not average.get(name):
            continue  # no document has a term in this field (and lunr never divides by its average)
        # k1 * (1 - b + b * (field length / average)): the per-document part of BM25's denominator
        norm = [K1 * (1 - B + B * (length / average[name])) for length in lengths[f]]
        for term, entry in postings.items():
            weight = idfs[term]
            entry[3 + 2 * f] = [round(round(weight * ((K1 + 1) * tf) / (norm[doc] + tf) * boost, 3) * scale)
                                for doc, tf in zip(entry[2 + 2 * f], entry[3 + 2 * f])]
    return postings, average
