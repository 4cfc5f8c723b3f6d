"""The stories a search finds and the lunr.py index built over them (one per language).

partitions.py writes this index as the files the browser reads.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.pipeline import Pipeline

from .analyzer import Analyzer, tokenize

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
            frequencies = defaultdict(int)
            for term in terms:
                frequencies[term] += 1
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(terms)
            for term in frequencies:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name][doc_ref] = defaultdict(list)


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


class Vocabulary:
    """The analyzer's terms for one build's text, remembering every token it met and its term:
    the surface forms the browser matches a half-typed word against (partitions.py)."""

    def __init__(self, analyzer: Analyzer):
        self.analyzer = analyzer
        self.seen: dict[str, str | None] = {}  # token as written -> its term (None: a stop word)

    def terms(self, text: str) -> list[str]:
        seen, found = self.seen, []
        for token in tokenize(text):
            term = seen.get(token, False)
            if term is False:
                term = seen[token] = self.analyzer.term(token)
            if term:
                found.append(term)
        return found


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


def weighted_builder(documents: list[SearchDocument], analyzer: Analyzer, vocabulary: Vocabulary) -> Builder:
    """A builder holding lunr's term weights for `documents`: build() without its TokenSet, which
    only lunr's in-memory Index needs."""
    builder = filled_builder(documents, analyzer, vocabulary)
    builder._calculate_average_field_lengths()
    builder._create_field_vectors()
    return builder
