"""The stories a search finds and the lunr.py index built over them (one per language).

partitions.py writes this index as the files the browser reads.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.idf import idf as Idf
from lunr.pipeline import Pipeline

from .analyzer import Analyzer, Vocabulary

TAGS = re.compile(r"<[^>]+>")
# Tags that end a block of text: the snippet never joins sentences across them.
BLOCK_ENDS = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|td|th|pre)\s*>|<br\s*/?>|<(?:hr|/?ul|/?ol|/?table)\b[^>]*>", re.I)
SUMMARY_CHARS = 280
TITLE_BOOST = 8


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


class AnalyzedBuilder(Builder):
    """lunr.py's Builder fed with index terms the analyzer already produced.

    Builder.add wraps every token in a Token with a deep-copied metadata dict and runs the
    pipeline token by token; with news vocabularies that is most of the build time. Here each
    field arrives as its list of terms and is recorded the way Builder.add records it (no
    metadata is whitelisted), so the index is the same (tests/search/test_index.py checks it).
    """

    def add(self, doc, attributes=None):
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name, field in self._fields.items():
            terms = field.extractor(doc)
            field_ref = str(FieldRef(doc_ref, field_name))
            frequencies = Counter(terms)  # keys in order of first occurrence, as lunr.py's add()
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(terms)
            inverted_index = self.inverted_index
            for term in frequencies:
                posting = inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    inverted_index[term] = posting
                posting[field_name][doc_ref] = {}  # no metadata is whitelisted


def new_builder(builder_class, analyzer: Analyzer, extract) -> Builder:
    """A builder for title (boosted) and body, whose serialized pipeline names the analyzer."""
    function = register_pipeline_function(analyzer)
    builder = builder_class()
    builder.pipeline.add(function)
    builder.search_pipeline.add(function)
    builder.ref("ref")
    builder.field("title", boost=TITLE_BOOST, extractor=lambda doc: extract(doc["title"]))
    builder.field("body", extractor=lambda doc: extract(doc["body"]))
    return builder


def filled_builder(documents: list[SearchDocument], analyzer: Analyzer,
                   vocabulary: Vocabulary | None = None) -> Builder:
    """A builder with every document added, refs being positions in `documents`."""
    builder = new_builder(AnalyzedBuilder, analyzer, (vocabulary or Vocabulary(analyzer)).terms)
    for ref, document in enumerate(documents):
        builder.add({"ref": ref, "title": document.title, "body": document.body})
    return builder


def build_index(documents: list[SearchDocument], analyzer: Analyzer) -> dict:
    """A serialized lunr index over title and body (one monolithic index: the tests' reference)."""
    return filled_builder(documents, analyzer).build().serialize()


def term_weights(builder: Builder):
    """(field name, doc ref, {term: weight}) for every field of every document added, in that
    order: the weights lunr.py's Builder._create_field_vectors computes (BM25, field boost,
    rounded to 3 decimals), by the same float operations, without building its lunr.Vectors (a
    third of a large archive's index build)."""
    builder._calculate_average_field_lengths()
    k1, b, count = builder._k1, builder._b, builder.document_count
    idfs: dict[str, float] = {}
    for field_ref, frequencies in builder.field_term_frequencies.items():
        ref = FieldRef.from_string(field_ref)
        if not frequencies:  # an empty field (its average length may be 0, as lunr never divides by it)
            yield ref.field_name, ref.doc_ref, {}
            continue
        field = builder._fields[ref.field_name]
        length = builder.field_lengths[field_ref] / builder.average_field_length[ref.field_name]
        doc_boost = builder._documents[ref.doc_ref].get("boost", 1)
        weights = {}
        for term, tf in frequencies.items():
            idf = idfs.get(term)
            if idf is None:
                idf = idfs[term] = Idf(builder.inverted_index[term], count)
            score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * length) + tf)
            score *= field.boost
            score *= doc_boost
            weights[term] = round(score, 3)
        yield ref.field_name, ref.doc_ref, weights
