"""What building one language's index worked out that the next build can take as it is.

After one story changed, an edition's index is built again from all its stories, and nearly all
of the work comes out as before: every distinct piece of text analyzed (tokenized, stemmed: ~0.6 s
at 10,000 stories), the whole index compressed to find where its partitions are cut (~1.1 s), and
every term's and written word's entry counted and encoded (~2.3 s; kept_entries.py updates them).
All are kept in plugins/incremental's state folder, one file per language, with the build key:
the analysis depends on the analyzer's code and settings, the cuts on the code and the partition
size, all of which the key covers; under another key nothing is taken. What is taken is only
what a fresh build would work out itself (Vocabulary's `known`, Cuts.run_at, kept_entries.updated):
the index files come out byte for byte the same.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .kept_entries import Entries
from .partitions import Cuts


@dataclass
class IndexWork:
    analyses: dict[str, tuple] = field(default_factory=dict)  # Vocabulary.analyses: piece -> (token, term)...
    cuts: dict[str, Cuts] = field(default_factory=dict)  # "terms", "words": split_partitions' cuts
    entries: Entries | None = None  # the term and word entries the cuts were made of (kept_entries.py)
    display: tuple | None = None  # the documents' digests and the display blocks' hashes (partitions.display_files)


def load_work(path: Path, key: str) -> IndexWork:
    """The work kept at `path` under build key `key`, or none (another key, no file, a damaged one)."""
    try:
        with open(path, "rb") as file:
            kept_key, analyses, cuts, entries, display = pickle.load(file)
        if kept_key != key:
            return IndexWork()
        return IndexWork(analyses, {name: Cuts(encoded, runs) for name, (encoded, runs) in cuts.items()}, entries,
                         display)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return IndexWork()


def save_work(path: Path, key: str, work: IndexWork) -> None:
    from incremental.state import replace_file  # loaded: a build key comes from that plugin

    cuts = {name: (made.encoded, made.runs) for name, made in work.cuts.items()}
    # (the entries' JSON is the cuts' own list, the display's digests the entries' own: pickled once)
    replace_file(path, pickle.dumps((key, work.analyses, cuts, work.entries, work.display),
                                    protocol=pickle.HIGHEST_PROTOCOL))
