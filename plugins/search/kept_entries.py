"""An edition's term and word entries (the JSON that its terms/ and words/ files are cut from),
counted from its documents or brought up to date from the last build's.

Counting an edition afresh cuts and looks up every piece of every document and encodes every
entry (~1.7 s and ~0.6 s an edition at 10,000 stories), when a correction changes the entries
of a few hundred terms. So the entries are kept (kept_work.py) with, for each document, its
digest and the numbers of its distinct terms and written words: a document whose digest
changed is taken out of the entries of its old terms and put into those of its new ones, and
only those entries are decoded and encoded again. Document ids hold when no document was removed
and the new ones come last (partitions.ordered: oldest first, as a new story usually is);
otherwise, or when many documents changed, the edition is counted afresh.
tests/search/test_kept_entries.py holds an update to a fresh count, byte for byte.
"""

from __future__ import annotations

import json
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, chain

from .analyzer import Vocabulary, fold
from .encoding import delta, js_order, json_bytes, postings_json
from .lunr_index import FIELDS, SearchDocument, lunr_counts, sorted_distinct

# changed documents an update takes on: its work grows with them (the entries of all their terms
# are decoded and encoded again, the most common terms' holding most documents), a fresh count's does not
MOST_CHANGED = 64


@dataclass(eq=False)
class DocumentTerms:
    """Per document id: its digest (SearchDocument.digest), and its distinct terms and
    written words as numbers into `term_names` and `word_names` (document d's at [starts[d]:starts[d + 1]]
    of `terms` and `words`, numpy arrays). Names are only added: a term no document holds any
    more keeps its number until the edition is counted afresh."""

    digests: list[bytes]
    term_names: list[str]
    terms: object
    term_starts: object
    word_names: list[tuple[str, str]]  # (written, term), as surface_pairs pairs them
    words: object
    word_starts: object


@dataclass(eq=False)
class Entries:
    terms: list[str]  # in JavaScript's order (js_order), as the terms/ files hold them
    term_entries: list[bytes]  # each term's entry as JSON, in the same order
    words: list[tuple[str, str]]  # (written, term), in the words/ files' order
    word_entries: list[bytes]
    lengths: list[list[int]]  # per field of FIELDS, per document: its number of terms
    documents: DocumentTerms | None = None  # what the next build's update starts from (None: not kept)

    def average(self) -> dict[str, float]:
        """Per field, the average length, as lunr.py computes it."""
        count = len(self.lengths[0])
        return {name: sum(self.lengths[f]) / count for f, (name, _) in enumerate(FIELDS)} if count else {}


def document_frequency(entry: list) -> int:
    """Stories holding the term of a postings entry (before delta coding), in any field."""
    return len(set().union(*entry[2::2]))


def written_form(token: str) -> str:
    return fold(token.lower())


def surface_forms(pairs, postings: dict) -> list[list]:
    """[written form, term, stories with the term], sorted by written form: every lowercased,
    accent-folded word of the text whose term differs from it (`pairs`: surface_pairs). A
    half-typed word is matched against these (and against the terms themselves, which need no
    entry here), so typing "nasc", "pengang" or "eleic" keeps finding "nascimento",
    "pengangguran" and "eleições" even where the stem of the typed letters is not the beginning
    of the word's term."""
    frequency = {term: document_frequency(postings[term]) for _, term in pairs}
    return [[written, term, frequency[term]] for written, term in sorted(pairs, key=word_order)]


def surface_pairs(seen: dict, postings: dict) -> set[tuple[str, str]]:
    """(written form, term) of every token met ({token: its term}) whose written form is not its term."""
    pairs = set()
    for token, term in seen.items():
        written = written_form(token)
        if term and written != term and term in postings:
            pairs.add((written, term))
    return pairs


def word_order(word: tuple[str, str]) -> tuple[bytes, str]:
    return js_order(word[0]), word[1]


def counted(documents: list[SearchDocument], vocabulary: Vocabulary, digests: list[bytes] | None = None) -> Entries:
    """The entries of the documents counted afresh (lunr_counts); with `digests` (theirs:
    SearchDocument.digest), with what an update needs."""
    counts = lunr_counts(documents, vocabulary, by_document=digests is not None)
    postings = counts.postings
    # every piece met is in a document: the word names of document_terms are surface_pairs' pairs
    kept = document_terms(digests, vocabulary, *counts.document_pieces) if counts.document_pieces is not None else None
    words = surface_forms(set(kept.word_names) if kept is not None else surface_pairs(vocabulary.seen, postings),
                          postings)
    for entry in postings.values():
        for slot in range(2, len(entry), 2):
            entry[slot] = delta(entry[slot])
    terms = sorted(postings, key=js_order)
    return Entries(terms, postings_json([postings[term] for term in terms]),
                   [(written, term) for written, term, _ in words], [json_bytes(word) for word in words],
                   counts.lengths, kept)


def document_terms(digests: list[bytes], vocabulary: Vocabulary, pieces, starts) -> DocumentTerms:
    """Each document's distinct terms and written words, from its distinct pieces (lunr_counts)."""
    word_names: list[tuple[str, str]] = []
    word_numbers: dict[tuple[str, str], int] = {}
    piece_words = []
    for analysis in vocabulary.analyses.values():  # every piece met, in the order of its number
        numbers = []
        for token, term in analysis:
            if term and (written := written_form(token)) != term:
                number = word_numbers.setdefault((written, term), len(word_names))
                if number == len(word_names):
                    word_names.append((written, term))
                numbers.append(number)
        piece_words.append(numbers)
    terms, term_starts = distinct_per_document(pieces, starts, vocabulary.piece_terms, len(vocabulary.term_names))
    words, word_starts = distinct_per_document(pieces, starts, piece_words, len(word_names))
    return DocumentTerms(digests, list(vocabulary.term_names),
                         terms, term_starts, word_names, words, word_starts)


def distinct_per_document(pieces, starts, per_piece: list, size: int):
    """For each document (its distinct pieces at pieces[starts[d]:starts[d + 1]]), the distinct
    numbers that `per_piece` gives its pieces, and where each document's begin."""
    import numpy as np  # (the worker's: see lunr_counts)

    lengths = np.fromiter(map(len, per_piece), np.int64, len(per_piece))
    flat = np.fromiter(chain.from_iterable(per_piece), np.int64, int(lengths.sum()))
    expand = lengths[pieces]
    within = np.repeat((np.cumsum(lengths) - lengths)[pieces] - (np.cumsum(expand) - expand), expand)
    owners = np.repeat(np.repeat(np.arange(len(starts) - 1), np.diff(starts)), expand)
    distinct = sorted_distinct(owners * size + flat[within + np.arange(len(within))])
    return (distinct % size).astype(np.int32), np.searchsorted(distinct // size, np.arange(len(starts)))


def updated(kept: Entries | None, documents: list[SearchDocument], vocabulary: Vocabulary,
            digests: list[bytes]) -> Entries | None:
    """The kept entries brought up to date with the documents (`digests`: theirs), or None where
    they cannot be (see the module's docstring): the edition is then counted afresh."""
    table = kept.documents if kept is not None else None
    if table is None or len(documents) < len(table.digests):
        return None
    changed = [n for n, (now, before) in enumerate(zip(digests, table.digests)) if now != before]
    changed += range(len(table.digests), len(digests))
    if len(changed) > MOST_CHANGED:
        return None
    if not changed:
        table.digests = digests  # (the same values: the one list is kept, with the display's)
        return kept
    return Update(kept, documents, vocabulary, changed).entries(digests)


@dataclass
class DocumentCounts:
    """One document's terms as lunr counts them."""

    frequencies: list[Counter]  # per field: term -> occurrences
    lengths: list[int]  # per field
    first: dict[str, int]  # term -> its first position among the document's terms (title, then body)
    words: set[tuple[str, str]]  # (written, term) of its tokens, as surface_pairs pairs them

    @classmethod
    def of(cls, document: SearchDocument, vocabulary: Vocabulary) -> DocumentCounts:
        fields = [vocabulary.tokens(document.title), vocabulary.tokens(document.body)]
        sequences = [[term for _, term in tokens if term] for tokens in fields]
        first: dict[str, int] = {}
        for position, term in enumerate(chain.from_iterable(sequences)):
            first.setdefault(term, position)
        words = {(written_form(token), term) for token, term in chain.from_iterable(fields) if term}
        return cls([Counter(sequence) for sequence in sequences], list(map(len, sequences)), first,
                   {(written, term) for written, term in words if written != term})


class Update:
    def __init__(self, kept: Entries, documents: list[SearchDocument], vocabulary: Vocabulary, changed: list[int]):
        self.kept, self.table, self.documents, self.vocabulary = kept, kept.documents, documents, vocabulary
        self.changed = changed
        self.now = {n: DocumentCounts.of(documents[n], vocabulary) for n in changed}

    def entries(self, digests: list[bytes]) -> Entries:
        import numpy as np  # (the worker's: see lunr_counts)

        table, before = self.table, len(self.table.digests)
        old_terms = {n: set(map(table.term_names.__getitem__, self.numbers(table.terms, table.term_starts, n)))
                     for n in self.changed if n < before}
        affected = set().union(*old_terms.values(), *(set(self.now[n].first) for n in self.changed))
        terms, term_entries, frequency = self.term_entries(affected)
        words, word_entries, word_names, word_changes = self.word_entries(affected, frequency)
        lengths = [list(column) for column in self.kept.lengths]
        term_names = list(table.term_names)
        term_numbers = {name: number for number, name in enumerate(term_names)}
        term_changes = {}
        for n in self.changed:
            for f, length in enumerate(self.now[n].lengths):
                if n < before:
                    lengths[f][n] = length
                else:
                    lengths[f].append(length)
            term_changes[n] = sorted(numbered(self.now[n].first, term_names, term_numbers))
        return Entries(terms, term_entries, words, word_entries, lengths, DocumentTerms(
            digests, term_names, *replaced(table.terms, table.term_starts, term_changes, np.int32),
            word_names, *replaced(table.words, table.word_starts, word_changes, np.int32)))

    @staticmethod
    def numbers(values, starts, n: int) -> list[int]:
        return values[starts[n]:starts[n + 1]].tolist()

    def term_entries(self, affected: set[str]) -> tuple[list[str], list[bytes], dict[str, int]]:
        """The terms and their entries with those of the affected terms redone; for each affected
        term, the documents holding it now."""
        terms, entries = list(self.kept.terms), list(self.kept.term_entries)
        frequency = {}
        for term in affected:
            at = bisect_left(terms, js_order(term), key=js_order)
            there = at < len(terms) and terms[at] == term
            entry = decoded(entries[at]) if there else [term, 0, *([] for _ in range(2 * len(FIELDS)))]
            first_before = min(chain.from_iterable(entry[2::2]), default=None)
            for f in range(len(FIELDS)):
                documents, tfs = entry[2 + 2 * f], entry[3 + 2 * f]
                for n in self.changed:
                    position = bisect_left(documents, n)
                    if position < len(documents) and documents[position] == n:
                        del documents[position], tfs[position]
                    tf = self.now[n].frequencies[f][term]
                    if tf:
                        documents.insert(position, n)
                        tfs.insert(position, tf)
            holding = set().union(*entry[2::2])
            frequency[term] = len(holding)
            if not holding:
                if there:
                    del terms[at], entries[at]
                continue
            first_document = min(holding)
            if first_document in self.now:
                entry[1] = self.now[first_document].first[term]
            elif first_document != first_before:  # its first document now is one that did not change
                document = self.documents[first_document]
                entry[1] = (self.vocabulary.terms(document.title) + self.vocabulary.terms(document.body)).index(term)
            for slot in range(2, len(entry), 2):
                entry[slot] = delta(entry[slot])
            encoded = postings_json([entry])[0]
            if there:
                entries[at] = encoded
            else:
                terms.insert(at, term)
                entries.insert(at, encoded)
        return terms, entries, frequency

    def word_entries(self, affected: set[str], frequency: dict[str, int]):
        """The written words and their entries, those of the affected terms redone; the word names
        and each changed document's word numbers."""
        import numpy as np  # (the worker's: see lunr_counts)

        table, before = self.table, len(self.table.digests)
        names = list(table.word_names)
        numbers = {name: number for number, name in enumerate(names)}
        holding = Counter()  # word number -> change in the number of documents holding it
        changes = {}
        for n in self.changed:
            if n < before:
                holding.subtract(self.numbers(table.words, table.word_starts, n))
            mine = numbered(self.now[n].words, names, numbers)
            holding.update(mine)
            changes[n] = sorted(mine)
        counts = np.bincount(table.words, minlength=len(table.word_names)).tolist() + [0] * (len(names) - len(table.word_names))
        words, entries = list(self.kept.words), list(self.kept.word_entries)
        for number, word in enumerate(names):
            if word[1] not in affected:
                continue
            at = bisect_left(words, word_order(word), key=word_order)
            there = at < len(words) and words[at] == word
            if counts[number] + holding[number] > 0:
                encoded = json_bytes([*word, frequency[word[1]]])
                if there:
                    entries[at] = encoded
                else:
                    words.insert(at, word)
                    entries.insert(at, encoded)
            elif there:
                del words[at], entries[at]
        return words, entries, names, changes


def numbered(items, names: list, numbers: dict) -> list[int]:
    """The number of each item in `names` (`numbers`: {name: its number}), a new one appended."""
    found = []
    for item in items:
        number = numbers.get(item)
        if number is None:
            number = numbers[item] = len(names)
            names.append(item)
        found.append(number)
    return found


def decoded(encoded: bytes) -> list:
    """A postings entry from its JSON, its document ids no longer delta-coded."""
    entry = json.loads(encoded)
    for slot in range(2, len(entry), 2):
        entry[slot] = list(accumulate(entry[slot]))
    return entry


def replaced(values, starts, changes: dict[int, list[int]], dtype):
    """Per-document numbers (values, starts as DocumentTerms holds them) with those of the changed
    documents replaced; documents past the last are appended, in order."""
    import numpy as np  # (the worker's: see lunr_counts)

    before = len(starts) - 1
    sizes = np.diff(starts).tolist()
    parts, done = [], 0
    for n in sorted(changes):
        start = int(starts[min(n, before)])
        parts += [values[done:start], np.array(changes[n], dtype)]
        done = int(starts[n + 1]) if n < before else start
        if n < before:
            sizes[n] = len(changes[n])
        else:
            sizes.append(len(changes[n]))
    parts.append(values[done:])
    return np.concatenate(parts).astype(dtype), np.concatenate(([0], np.cumsum(sizes, dtype=np.int64)))
