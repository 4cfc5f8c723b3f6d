"""The stories a search finds and the lunr.py index built over them (one per language).

partitions.py writes this index as the files the browser reads.
"""

from __future__ import annotations

import html
import math
import re
from array import array
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

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
    positions in `documents`), without it. `vocabulary` is new (its numbers are this index's).

    The Builder wraps every token in a Token, runs its pipeline token by token and builds a
    lunr.Vector per field; with a news archive that was most of the index build. Here Python only
    looks up each piece of text (Vocabulary: a distinct word is analyzed once, when first met);
    counting, grouping and weighing the postings are array operations (numpy). The weights are
    lunr's BM25 by the same float operations in the same order (Builder._create_field_vectors),
    rounded to 3 decimals as it rounds them (`scaled_weights`); term indexes are given in the order
    it gives them (first occurrence, field by field), which is the vocabulary's numbering.
    tests/search/test_index.py holds this to lunr.py's own index."""
    if scale != 1000:
        raise ValueError("lunr rounds its weights to 3 decimals: they are written × 1000")
    if vocabulary.piece_terms:
        raise ValueError("lunr_postings numbers terms by first appearance: it needs a new Vocabulary")
    count, fields = len(documents), len(FIELDS)
    if not count:
        return {}, {}
    occurrences = array("q")  # the pieces of every field of every document, in lunr's order
    sizes = array("q")  # pieces per (document, field)
    for document in documents:
        for text in (document.title, document.body):
            before = len(occurrences)
            occurrences.extend(vocabulary.pieces(text))
            sizes.append(len(occurrences) - before)
    # Every term occurrence and its slot (document × fields + field): each piece occurrence
    # expanded into its piece's terms (most have one, a stop word none, "ex-ministro" two).
    per_piece = np.fromiter(map(len, vocabulary.piece_terms), np.int64, len(vocabulary.piece_terms))
    flat = np.fromiter(chain.from_iterable(vocabulary.piece_terms), np.int64, int(per_piece.sum()))
    occurrence_pieces = np.frombuffer(occurrences, np.int64)
    expand = per_piece[occurrence_pieces]
    slots = np.repeat(np.repeat(np.arange(count * fields), np.frombuffer(sizes, np.int64)), expand)
    within = np.repeat((np.cumsum(per_piece) - per_piece)[occurrence_pieces] - (np.cumsum(expand) - expand), expand)
    terms = flat[within + np.arange(len(within))]
    del occurrence_pieces, expand, within
    lengths = np.bincount(slots, minlength=count * fields).reshape(count, fields).T.tolist()
    average = {name: sum(lengths[f]) / count for f, (name, _) in enumerate(FIELDS)}
    # one key per (field, term, document) with its count, sorted: by field, then term, then document
    number_of_terms = len(vocabulary.term_names)
    keys, tfs = np.unique((slots % fields * number_of_terms + terms) * count + slots // fields, return_counts=True)
    del slots, terms
    docs, term_of = keys % count, keys // count % number_of_terms
    field_ends = np.searchsorted(keys // count // number_of_terms, np.arange(fields), side="right").tolist()
    df = np.bincount(term_of, minlength=number_of_terms)  # documents per field, summed (as lunr counts them)
    idfs = {n: idf(n, count) for n in set(df.tolist())}
    term_idf = np.array([idfs[n] for n in df.tolist()], dtype=np.float64)
    names = vocabulary.term_names
    postings = {term: [term, index, *([] for _ in range(2 * fields))] for index, term in enumerate(names)}
    for f, (name, boost) in enumerate(FIELDS):
        start, end = field_ends[f - 1] if f else 0, field_ends[f]
        if start == end:
            continue  # no document has a term in this field (and lunr never divides by its average)
        field_docs, field_terms, tf = docs[start:end], term_of[start:end], tfs[start:end]
        norm = np.array([K1 * (1 - B + B * (length / average[name])) for length in lengths[f]], dtype=np.float64)
        weights = scaled_weights(term_idf[field_terms] * ((K1 + 1) * tf) / (norm[field_docs] + tf) * boost, scale)
        doc_list = field_docs.tolist()
        begin = 0
        for t, finish in enumerate(np.cumsum(np.bincount(field_terms, minlength=number_of_terms)).tolist()):
            if finish != begin:
                postings[names[t]][2 + 2 * f:4 + 2 * f] = doc_list[begin:finish], weights[begin:finish]
                begin = finish
    return postings, average


NEAR_HALF = 0.5 - 1e-6  # |y - round(y)| beyond this: y may be a tie once rounded exactly


def scaled_weights(weights: np.ndarray, scale: int) -> list[int]:
    """round(round(w, 3) * scale) of each weight, lunr.py's rounding (scale 1000).

    round(w, 3) is correctly rounded from w's exact binary value (a little above 0.0125 for the
    double 0.0125, so 0.013), which rounding w * 1000 to an integer gives too, except where w * 1000
    lies within a rounding error of a half (12.5: half to even gives 12). Those are done as lunr.py
    does them."""
    products = weights * float(scale)
    rounded = np.rint(products)
    result = rounded.astype(np.int64).tolist()
    for i in np.flatnonzero(np.abs(products - rounded) > NEAR_HALF).tolist():
        result[i] = round(round(float(weights[i]), 3) * scale)
    return result
