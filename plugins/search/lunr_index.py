"""The stories a search finds and the lunr.py index built over them (one per language).

partitions.py writes this index as the files the browser reads.
"""

from __future__ import annotations

import hashlib
import html
import pickle
import re
from array import array
from dataclasses import dataclass, field
from itertools import chain

from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline

from .analyzer import Analyzer, Vocabulary, tokenize

TAGS = re.compile(r"<[^>]+>")
# Tags that end a block of text: the snippet never joins sentences across them.
BLOCK_ENDS = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|td|th|pre)\s*>|<br\s*/?>|<(?:hr|/?ul|/?ol|/?table)\b[^>]*>", re.I)
SUMMARY_CHARS = 280
TITLE_BOOST = 8
FIELDS = (("title", TITLE_BOOST), ("body", 1))  # indexed fields and their boosts, in lunr's order
K1, B = Builder()._k1, Builder()._b  # lunr's BM25 parameters (its defaults): the browser's too (meta.json)


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

    def digest(self) -> bytes:
        """A digest of all the index takes from the document: what it shows, indexes and filters by.
        Pickled (in C: ~40% less than encoding it as JSON) with a fixed protocol, so the same
        document gives the same digest build after build."""
        return hashlib.sha256(pickle.dumps((self.display(), self.body, self.date, self.category, self.key),
                                           protocol=5)).digest()


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


def lunr_builder(documents: list[SearchDocument], analyzer: Analyzer) -> tuple[Builder, Index]:
    """lunr.py's own Builder over title (boosted) and body, with the analyzer as its pipeline, and
    the index it built (one monolithic index: the reference the partitioned index is tested against)."""
    function = register_pipeline_function(analyzer)
    builder = Builder()
    builder.pipeline.add(function)
    builder.search_pipeline.add(function)
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost, extractor=lambda doc, name=name: tokenize(doc[name]))
    for ref, document in enumerate(documents):
        builder.add({"ref": ref, "title": document.title, "body": document.body})
    return builder, builder.build()


def build_index(documents: list[SearchDocument], analyzer: Analyzer) -> dict:
    """The serialized index lunr.py builds over the documents (see lunr_builder)."""
    return lunr_builder(documents, analyzer)[1].serialize()


@dataclass
class Counts:
    """What lunr's BM25 weights are computed from, for a set of documents (refs: their positions):
    the browser computes the weights (engine.js), so a story's edit changes only the postings of
    its own terms, not every weight of the archive through the average field length and idf.

    A posting's `first` orders a query's terms as lunr.Vector does (by lunr's term index, the
    order in which terms first appear, document by document, title then body): the term's first
    appearance in its first document, counted in that document's terms. The browser sorts by
    (first document, first), which is lunr's order; a story's edit changes `first` only for terms
    that first appear in that story."""

    postings: dict  # term -> [term, first, <per field of FIELDS: doc ids, term frequencies>]
    lengths: list[list[int]]  # per field of FIELDS, per document: its number of terms (lunr's field length)
    average: dict[str, float]  # field -> average length, as lunr.py computes it
    # when asked for (kept_entries.py): each document's distinct pieces (the vocabulary's numbers),
    # document d's at [starts[d]:starts[d + 1]] of the first array
    document_pieces: tuple | None = None


def lunr_counts(documents: list[SearchDocument], vocabulary: Vocabulary, by_document: bool = False) -> Counts:
    """What lunr.py's Builder counts for these documents, without it.

    The Builder wraps every token in a Token, runs its pipeline token by token and builds a
    lunr.Vector per field; with a news archive that was most of the index build. Here Python only
    looks up each piece of text (Vocabulary: a distinct word is analyzed once, when first met);
    counting and grouping the postings are array operations (numpy).
    tests/search/test_index.py holds this to lunr.py's own counts."""
    import numpy as np  # here, not with the module: only the index's worker process counts (~0.1 s of a build's start)

    count, fields = len(documents), len(FIELDS)
    if not count:
        return Counts({}, [[] for _ in FIELDS], {})
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
    document_pieces = None
    if by_document:
        owners = np.repeat(np.arange(count), np.frombuffer(sizes, np.int64).reshape(count, fields).sum(axis=1))
        pieces_met = len(vocabulary.piece_terms)
        distinct = sorted_distinct(owners * pieces_met + occurrence_pieces)
        document_pieces = distinct % pieces_met, np.searchsorted(distinct // pieces_met, np.arange(count + 1))
        del owners, distinct
    del occurrence_pieces, expand, within
    lengths = np.bincount(slots, minlength=count * fields).reshape(count, fields).T
    average = {name: sum(lengths[f].tolist()) / count for f, (name, _) in enumerate(FIELDS)}
    # each term's first occurrence: its document, and its position among that document's terms
    number_of_terms = len(vocabulary.term_names)
    present, first_seen = np.unique(terms, return_index=True)
    document_starts = np.concatenate(([0], np.cumsum(lengths.T.sum(axis=1))))
    first_of = np.full(number_of_terms, -1, np.int64)
    first_of[present] = first_seen - document_starts[slots[first_seen] // fields]
    # one key per (field, term, document) with its count, sorted: by field, then term, then document
    keys, tfs = np.unique((slots % fields * number_of_terms + terms) * count + slots // fields, return_counts=True)
    del slots, terms
    docs, term_of = keys % count, keys // count % number_of_terms
    field_ends = np.searchsorted(keys // count // number_of_terms, np.arange(fields), side="right").tolist()
    names = vocabulary.term_names
    firsts = first_of.tolist()
    postings = {names[t]: [names[t], firsts[t], *([] for _ in range(2 * fields))] for t in present.tolist()}
    for f in range(fields):
        start, end = field_ends[f - 1] if f else 0, field_ends[f]
        field_terms = term_of[start:end]
        doc_list, tf_list = docs[start:end].tolist(), tfs[start:end].tolist()
        begin = 0
        for t, finish in enumerate(np.cumsum(np.bincount(field_terms, minlength=number_of_terms)).tolist()):
            if finish != begin:
                postings[names[t]][2 + 2 * f:4 + 2 * f] = doc_list[begin:finish], tf_list[begin:finish]
                begin = finish
    return Counts(postings, lengths.tolist(), average, document_pieces)


def sorted_distinct(values):
    """np.unique(values) of a large int64 array, by sorting: numpy 2.4's unique hashes them: 3.7 s
    instead of 0.06 s for 3.3 million random ones, as many as an edition's (document, piece) numbers."""
    import numpy as np

    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values
