"""What building one language's index worked out that the next build can take as it is.

After one story changed, an edition's index is built again from all its stories, and nearly all
of the work comes out as before: every distinct piece of text analyzed (tokenized, stemmed: ~0.6 s
at 10,000 stories), the whole index compressed to find where its partitions are cut (~1.1 s), and
every term's and written word's entry counted and encoded (~2.3 s; kept_entries.py updates them).
All are kept in plugins/incremental's state folder, per language one file and one for the
analyses (which only a fresh count reads and writes), with the build key:
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
    # Vocabulary.analyses of the last fresh count (piece -> (token, term)...), or None while not
    # loaded: only a fresh count asks for them (known()); an update analyzes the few hundred pieces
    # of its changed documents itself, and leaves them as they were kept (~0.3 s and 3.4 MB of an
    # edition's rebuild at 10,000 stories spared)
    analyses: dict[str, tuple] | None = None
    cuts: dict[str, Cuts] = field(default_factory=dict)  # "terms", "words": split_partitions' cuts
    entries: Entries | None = None  # the term and word entries the cuts were made of (kept_entries.py)
    display: tuple | None = None  # the documents' digests and the display blocks' hashes (partitions.display_files)
    kept: tuple[Path, str] | None = field(default=None, compare=False)  # where the analyses are kept, and the key
    loaded: dict | None = field(default=None, compare=False, repr=False)  # the analyses as loaded from there

    def known(self) -> dict[str, tuple]:
        """The analyses the last fresh count made (empty when none were kept)."""
        if self.analyses is None:
            self.analyses = self.loaded = load_analyses(*self.kept) if self.kept is not None else {}
        return self.analyses


def analyses_path(path: Path) -> Path:
    """Where the analyses of the work kept at `path` are kept (a file of their own: written by fresh counts only)."""
    return path.with_name(path.stem + "-analyses" + path.suffix)


def load_work(path: Path, key: str) -> IndexWork:
    """The work kept at `path` under build key `key`, or none (another key, no file, a damaged one)."""
    try:
        with open(path, "rb") as file:
            kept_key, cuts, entries, display = pickle.load(file)
        if kept_key != key:
            return IndexWork()
        return IndexWork(None, {name: Cuts(encoded, runs) for name, (encoded, runs) in cuts.items()}, entries,
                         display, (analyses_path(path), key))
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return IndexWork()


def load_analyses(path: Path, key: str) -> dict[str, tuple]:
    """The analyses kept at `path` under build key `key`, or none. (Whichever fresh count made them,
    each is what analyzing its piece gives under that key: they need not match the rest of the work.)"""
    try:
        with open(path, "rb") as file:
            kept_key, analyses = pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return {}
    return analyses if kept_key == key and isinstance(analyses, dict) else {}


def save_work(path: Path, key: str, work: IndexWork) -> None:
    from incremental.state import replace_file  # loaded: a build key comes from that plugin

    cuts = {name: (made.encoded, made.runs) for name, made in work.cuts.items()}
    # (the entries' JSON is the cuts' own list, the display's digests the entries' own: pickled once)
    replace_file(path, pickle.dumps((key, cuts, work.entries, work.display), protocol=pickle.HIGHEST_PROTOCOL))
    if work.analyses is not None and work.analyses is not work.loaded:  # made by this build's fresh count
        replace_file(analyses_path(path), pickle.dumps((key, work.analyses), protocol=pickle.HIGHEST_PROTOCOL))
