"""One language's search index, written as a term-partitioned file set the browser loads piecemeal.

Scores are lunr's over ALL of a language's stories at once (idf and field-length normalisation
of one monolithic index). The files hold what lunr's BM25 weights are computed from (term
frequencies, field lengths, document counts) and the browser (theme/static/js/search/engine.js)
computes the weights as lunr.py's Builder does, so it reproduces lunr.js's scores exactly while
loading only the terms a query needs. The weights themselves are not written: through the average
field length and idf each depends on the whole archive, and writing them changed every partition
whenever any story changed. This is the build <-> browser boundary, format 3. Everything lives in
search/<lang>/; every name but meta.json carries a hash of its content (cacheable forever).

Document ids: 0 … count-1, oldest story first (ordered by ISO date, then URL), so adding stories
appends ids and leaves the older display fragments unchanged.

meta.json, the manifest (fetched when the search box gets focus):
  {"format": 3, "lang": "pt",
   "analyzer": {...},               analyzer_config(lang).as_json(): the browser's query analyzer
   "fields": ["title", "body"],     field order inside a partition entry
   "boosts": {"title": 8, "body": 1}, "averageFieldLength": {"title": 9.1, "body": 210.4},
   "bm25": {"k1": 1.2, "b": 0.75},  lunr's parameters
   "count": 1000,                   documents in the index
   "partitions": [[first term, last term, hash], ...],   sorted, disjoint; file terms/<hash>.json
   "words": [[first word, last word, hash], ...],        sorted, for words/<hash>.json (two
                                                         may share an endpoint: a word with two terms)
   "docs": "docs.<hash>.json",
   "display": {"size": 1, "block": 64, "hashes": [hash, ...]},
   "years": ["2025", ...],
   "categories": [[key, name, [keys of its counterparts]], ...]}   sorted by name; key
      "<lang>/<slug>"; a counterpart is the other edition's category that this one's stories'
      translations carry most often, both ways (all-languages search lists the pair once)
  Terms compare by UTF-16 code units (JavaScript's string order): a term t is in partition i iff
  first_i <= t <= last_i; a prefix p is covered by the partitions with last >= p and first < p+U+FFFF.
terms/<hash>.json, one term-range partition (at most ~SEARCH_PARTITION_GZIP_BYTES once gzipped):
  [[term, first, <per field, in "fields" order: doc ids (delta-coded, ascending), term
    frequencies (same order)>], ...]     e.g. ["orcament", 17, [3], [1], [0, 2, 1], [2, 1, 1]]
  Weight of the term in a document's field, lunr.py's (Builder._create_field_vectors): with
  df = the number of doc ids of the entry (all fields), idf = ln(1 + |(count - df + 0.5) / (df + 0.5)|),
  weight = round3(idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / averageFieldLength)) + tf) * boost)
  in this order of operations, round3 being Python's round(w, 3). `first`: where the term first
  appears in its first document (the lowest doc id of the entry), counted in that document's terms,
  title then body; (first document, first) is lunr's term index order, in which lunr.Vector sums
  a query's terms (bit-identical sums). A story's edit changes only the entries of the terms whose
  frequency in it changed, and the files of those (a cut by size may move to the next file).
words/<hash>.json, one range of the written words (lowercased, accent-folded) whose term is not
  the word itself, for the word being typed:
  [[word, term, stories holding the term], ...]   e.g. ["eleicoes", "eleica", 14], sorted by word
docs.<hash>.json, what ranking and filters need, one entry per document id, loaded once:
  {"days": [...],        days since 1970-01-01 of the story's date, delta-coded (ascending)
   "categories": [...],  position in meta.json "categories", -1 for none
   "stories": [...],     story number, delta-coded: versions of one story (same translation key)
                         share it in every language's file; a story without a key has its own
   "lengths": [[...], [...]]}  per field, in "fields" order: the document's number of terms there
display/<k>.<block hash>.json, display fragment k: documents k·size … k·size+size-1:
  [[title, url, shown date, summary, {other lang: url}, text], ...]   text: the story as plain
  text, for the snippet around the words found
  The block hash is display.hashes[k // block]: a hash of that block's fragments together.
"""

from __future__ import annotations

import zlib
from datetime import date
from typing import Callable

from .analyzer import Analyzer
from .encoding import content_hash, delta, js_order, json_bytes
from .kept_entries import counted, updated
from .lunr_index import B, FIELDS, K1, Counts, SearchDocument, Vocabulary, lunr_counts

FORMAT = 3
DOCS_PER_FRAGMENT = 1  # a result's fragment holds its whole text (for the snippet)
FRAGMENTS_PER_BLOCK = 64
EPOCH = date(1970, 1, 1).toordinal()


def ordered(documents: list[SearchDocument]) -> list[SearchDocument]:
    """Document ids: oldest first, so new stories append ids."""
    return sorted(documents, key=lambda d: (d.date, d.url))


def story_numbers(editions: list[list[str | None]]) -> list[list[int]]:
    """Per edition (the translation keys of its ordered documents), one number per story: the same
    for all versions of a translation key."""
    numbers: dict[str, int] = {}
    counter = 0
    result = []
    for keys in editions:
        mine = []
        for key in keys:
            if key is not None and key in numbers:
                mine.append(numbers[key])
                continue
            if key is not None:
                numbers[key] = counter
            mine.append(counter)
            counter += 1
        result.append(mine)
    return result


def term_postings(documents: list[SearchDocument], analyzer: Analyzer,
                  known: dict[str, tuple] | None = None) -> tuple[Counts, Vocabulary]:
    """lunr's counts of the documents (lunr_counts) and the vocabulary of the indexed text (its
    `seen`: {token as written: its term}); `known`: pieces analyzed by an earlier build (Vocabulary)."""
    vocabulary = Vocabulary(analyzer, known)
    return lunr_counts(documents, vocabulary), vocabulary


class GrowingRun:
    """A run of JSON entries ("[a,b,…]") compressed as it grows; `size()` is its gzip size now.
    Entries wait in `pending` until a measurement: one compress() call per entry costs more than
    the compression itself."""

    def __init__(self, first: bytes):
        self.compressor = zlib.compressobj(6)
        self.written = len(self.compressor.compress(b"[" + first))
        self.raw = len(first) + 1
        self.pending: list[bytes] = []

    def add(self, entry: bytes) -> None:
        self.pending.append(entry)
        self.raw += len(entry) + 1

    def _feed(self) -> None:
        if self.pending:
            self.written += len(self.compressor.compress(b"," + b",".join(self.pending)))
            self.pending = []

    def size(self) -> int:
        self._feed()
        closing = self.compressor.copy()
        return self.written + len(closing.compress(b"]")) + len(closing.flush())

    def copy(self) -> "GrowingRun":
        self._feed()
        twin = object.__new__(GrowingRun)
        twin.compressor, twin.written, twin.raw, twin.pending = self.compressor.copy(), self.written, self.raw, []
        return twin


def split_partitions(encoded: list[bytes], target_gzip: int, earlier: Cuts | None = None) -> Cuts:
    """The runs of the JSON-encoded entries (sorted), each of at most `target_gzip` bytes once
    deflated (a larger entry stands alone), cut one after the other by `cut_run`. `earlier`: the
    cuts of an earlier build, whose runs are taken as they are wherever `cut_run` would look at
    the very same entries (after one story changed, nearly all of them)."""
    runs, start = [], 0
    while start < len(encoded):
        found = earlier.run_at(encoded, start) if earlier is not None else None
        end, horizon = found or cut_run(encoded, start, target_gzip)
        runs.append((start, end, horizon))
        start = end
    return Cuts(encoded, runs)


def cut_run(encoded: list[bytes], start: int, target_gzip: int) -> tuple[int, int]:
    """The end of the run that starts at `start`, at most `target_gzip` bytes once deflated (gzip
    adds an 18-byte header and trailer; a larger entry stands alone), and the end of the entries
    looked at to find it: the run depends on encoded[start:horizon] alone, and on whether that
    reaches the end of the list. Runs are measured compressed, not guessed from their JSON size:
    posting lists compress from 3x to 20x, so a JSON budget gives partitions of very unequal weight.
    A run is measured where its compression ratio so far says it reaches the target; past it, the
    cut is bisected from the last measurement that fitted (a copy of the compressor there), so
    the whole index is compressed about twice."""
    run = GrowingRun(encoded[start])
    fitted, fitted_end, end, over = run.copy(), start + 1, start + 1, False
    checkpoint = target_gzip  # gzip never makes JSON much larger: this first part fits
    while end < len(encoded):
        run.add(encoded[end])
        end += 1
        if run.raw < checkpoint and end < len(encoded):
            continue
        size = run.size()
        if size > target_gzip:
            over = True
            break
        fitted, fitted_end = run.copy(), end
        # where the ratio so far reaches the target, but at most twice as far: the cut, if it
        # is passed, is then bisected over no more than what fitted
        checkpoint = min(run.raw * target_gzip / size, 2 * run.raw)
    if over:  # fitted_end entries fit, end entries do not
        high = end - 1
        while fitted_end < high:
            middle = (fitted_end + high + 1) // 2
            probe = fitted.copy()
            for entry in encoded[fitted_end:middle]:
                probe.add(entry)
            if probe.size() <= target_gzip:
                fitted, fitted_end = probe, middle  # later probes go on from here
            else:
                high = middle - 1
    return fitted_end, end


class Cuts:
    """Where split_partitions cut a list of entries: (start, end, horizon) of each run, horizon
    being the end of the entries cut_run looked at. cut_run is a function of those entries alone:
    a later list holding the same entries from a start to its horizon is cut there the same way,
    and its files come out byte for byte as a build that cut it afresh writes them."""

    def __init__(self, encoded: list[bytes], runs: list[tuple[int, int, int]]):
        self.encoded, self.runs = encoded, runs
        self._starts = None

    def spans(self) -> list[tuple[int, int]]:
        return [(start, end) for start, end, _ in self.runs]

    def run_at(self, encoded: list[bytes], start: int) -> tuple[int, int] | None:
        """(end, horizon) of the run at `start` of `encoded`, when an earlier run began with the
        same entry and looked at the same entries; else None."""
        if self._starts is None:  # entries are unique (each holds its term or its word and term)
            self._starts = {self.encoded[run[0]]: run for run in self.runs}
        run = self._starts.get(encoded[start])
        if run is None:
            return None
        first, end, horizon = run
        looked = horizon - first
        if (start + looked == len(encoded)) != (horizon == len(self.encoded)):
            return None  # whether the entries looked at reach the end of the list is part of the cut
        if encoded[start:start + looked] != self.encoded[first:horizon]:
            return None
        return start + end - first, start + looked


def find_partition(partitions: list[list], term: str) -> int | None:
    """Position of the manifest partition ([first, last, hash]) holding `term`, as engine.js finds it."""
    low, high = 0, len(partitions) - 1
    key = js_order(term)
    while low <= high:
        middle = (low + high) // 2
        first, last = partitions[middle][:2]
        if key < js_order(first):
            high = middle - 1
        elif key > js_order(last):
            low = middle + 1
        else:
            return middle
    return None


def partitioned(files: dict[str, bytes], folder: str, keys: list[str], encoded: list[bytes], target_gzip: int,
                earlier: Cuts | None = None) -> tuple[list[list], Cuts]:
    """Writes the entries (`encoded`, sorted by `keys`, their first items) as `folder`/<hash>.json
    partitions into `files`; the manifest's list of them ([first, last, hash]) and the cuts made
    (split_partitions, which takes `earlier`'s where it can)."""
    listed = []
    cuts = split_partitions(encoded, target_gzip, earlier)
    for start, end in cuts.spans():
        data = b"[" + b",".join(cuts.encoded[start:end]) + b"]"  # json_bytes(entries[start:end])
        digest = content_hash(data)
        files[f"{folder}/{digest}.json"] = data
        listed.append([keys[start], keys[end - 1], digest])
    return listed, cuts


def language_files(lang: str, analyzer_json: dict, documents: list[SearchDocument], stories: list[int],
                   analyzer: Analyzer, partition_gzip: int, sections: dict[str, list] | None = None,
                   work=None, digests: list[bytes] | None = None,
                   live_as_written: Callable[[str], bool] | None = None) -> dict[str, bytes | None]:
    """The files of one language's index (documents already `ordered`, `stories` their story numbers,
    `sections` {category name: [its key, [its counterparts' keys]]}, default: ["<lang>/<name>", []]).
    `work`: kept_work.IndexWork of an earlier build, taken where it holds and replaced by this one's;
    `digests`: the documents' (SearchDocument.digest), when already worked out. A file listed as
    None is the live site's, which `live_as_written` (name -> whether the live site's file is still
    the one the last build wrote) said holds what this build would write (display_files)."""
    files: dict[str, bytes | None] = {}
    if work is not None and digests is None:
        digests = [document.digest() for document in documents]
    # an update analyzes its changed documents' pieces afresh (kept_work.IndexWork.known)
    entries = updated(work.entries, documents, Vocabulary(analyzer), digests) if work is not None else None
    if entries is None:
        vocabulary = Vocabulary(analyzer, work.known() if work is not None else None)
        entries = counted(documents, vocabulary, digests if work is not None else None)
        if work is not None:
            work.analyses = vocabulary.analyses
    earlier = work.cuts if work is not None else {}
    listed, term_cuts = partitioned(files, "terms", entries.terms, entries.term_entries, partition_gzip,
                                    earlier.get("terms"))
    listed_words, word_cuts = partitioned(files, "words", [written for written, _ in entries.words],
                                          entries.word_entries, partition_gzip, earlier.get("words"))
    if work is not None:
        work.cuts, work.entries = {"terms": term_cuts, "words": word_cuts}, entries

    sections = sections or {}
    names = sorted({d.category for d in documents if d.category})
    categories = []
    for name in names:
        key, counterparts = sections.get(name, (f"{lang}/{name}", []))
        categories.append([key, name, counterparts])
    category_number = {name: n for n, name in enumerate(names)}
    days = [date.fromisoformat(d.date[:10]).toordinal() - EPOCH for d in documents]
    docs = json_bytes({
        "days": delta(days),
        "categories": [category_number.get(d.category, -1) for d in documents],
        "stories": delta(stories),
        "lengths": entries.lengths,
    })
    docs_name = f"docs.{content_hash(docs)}.json"
    files[docs_name] = docs

    earlier = work.display if work is not None and live_as_written is not None else None
    block_hashes = display_files(files, documents, digests, earlier, live_as_written)
    if work is not None:
        work.display = digests, block_hashes

    files["meta.json"] = json_bytes({
        "format": FORMAT,
        "lang": lang,
        "analyzer": analyzer_json,
        "fields": [name for name, _ in FIELDS],
        "boosts": dict(FIELDS),
        "averageFieldLength": entries.average(),
        "bm25": {"k1": K1, "b": B},
        "count": len(documents),
        "partitions": listed,
        "words": listed_words,
        "docs": docs_name,
        "display": {"size": DOCS_PER_FRAGMENT, "block": FRAGMENTS_PER_BLOCK, "hashes": block_hashes},
        "years": sorted({d.date[:4] for d in documents}, reverse=True),
        "categories": categories,
    })
    return files


def display_files(files: dict[str, bytes | None], documents: list[SearchDocument], digests: list[bytes] | None,
                  earlier: tuple[list[bytes], list[str]] | None, live_as_written: Callable[[str], bool] | None) -> list[str]:
    """Puts the documents' display fragments into `files`; returns the hash of each block of them.
    `earlier`: the documents' digests and the block hashes of the last build. A block holding the
    very documents it held then has the same hash and files: when the live site still has each of
    them as the last build wrote it, they are listed as None (kept) instead of encoded again (after
    a correction, all blocks but one: ~10,000 fragments of an edition at 10,000 stories, ~0.3 s of
    JSON, and as long again to compare them with the live files)."""
    block_hashes = []
    per_block = FRAGMENTS_PER_BLOCK * DOCS_PER_FRAGMENT
    for block, start in enumerate(range(0, len(documents), per_block)):
        end = min(start + per_block, len(documents))
        numbers = range(start // DOCS_PER_FRAGMENT, (end + DOCS_PER_FRAGMENT - 1) // DOCS_PER_FRAGMENT)
        if earlier is not None and block < len(earlier[1]) and min(start + per_block, len(earlier[0])) == end \
                and earlier[0][start:end] == digests[start:end]:
            names = [f"display/{k}.{earlier[1][block]}.json" for k in numbers]
            if all(map(live_as_written, names)):
                files.update(dict.fromkeys(names))
                block_hashes.append(earlier[1][block])
                continue
        fragments = [json_bytes([d.display() for d in documents[k * DOCS_PER_FRAGMENT:(k + 1) * DOCS_PER_FRAGMENT]])
                     for k in numbers]
        digest = content_hash(b"\0".join(fragments), 8)
        block_hashes.append(digest)
        for k, fragment in zip(numbers, fragments):
            files[f"display/{k}.{digest}.json"] = fragment
    return block_hashes


def prefix_partitions(partitions: list[list], prefix: str) -> list[int]:
    """Positions of the manifest partitions that may hold a term starting with `prefix`, as engine.js finds them."""
    start, end = js_order(prefix), js_order(prefix + "\uffff")
    return [i for i, (first, last, _) in enumerate(partitions) if js_order(last) >= start and js_order(first) < end]
