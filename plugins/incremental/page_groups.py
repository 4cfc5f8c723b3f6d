"""Groups of pages kept whole. A generator that writes many pages from one set of inputs (the
editions' category and tag listings: ~40,000 of the 64,000 pages at 10,000 story pairs) names the
group and gives those inputs once; when their digest is the last build's and every page that
build wrote for the group is still its live file, the pages are kept without being keyed one by
one (page_keys.py), and the generator gets back what it recorded with them (its sitemap entries).

The digest covers the inputs as page keys reduce them (a story by its card), the build key, and
the names of Pelican's shared context that the group's pages read (recorded as they are written).
A generator must give every input its pages are made from: what it leaves out can change without
the pages being written again. A group with a page of no key (page_keys.Unkeyable) or one Pelican
writes itself (pagination) is never kept whole: its pages are keyed one by one, as any page.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .page_keys import Keys, Unkeyable
from .state import replace_file


@dataclass
class Recording:
    """A group being written: its pages and the shared names they read."""

    name: str
    inputs: str | None  # the inputs reduced to text; None: they cannot be (never kept whole)
    pages: list[str] = field(default_factory=list)
    shared: set[str] = field(default_factory=set)
    keepable: bool = True


class PageGroups:
    """{group name: (digest, shared names, page names, the generator's record)} of the last build,
    and this build's. Each entry is kept pickled on its own: a rebuild that writes one group again
    pickles that one, not the 64,000 page names and sitemap entries of all (~0.2 s at 10,000 pairs)."""

    def __init__(self, path: Path, load: bool):
        self.path = path
        self.previous: dict[str, tuple] = {}
        self.pickled: dict[int, bytes] = {}  # id of an entry of `previous` -> the bytes it was loaded from
        self.current: dict[str, tuple] = {}
        self.open: Recording | None = None
        if load:
            try:
                with open(path, "rb") as file:
                    saved = pickle.load(file)
                for name, data in saved.items():
                    entry = self.previous[name] = pickle.loads(data)
                    self.pickled[id(entry)] = data
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
                self.previous, self.pickled = {}, {}

    def start(self, name: str, keys: Keys, inputs: Mapping, context) -> tuple | None:
        """Begin writing the group `name`; the last build's entry for it when its digest is this
        one's. `inputs` are named as page arguments are (a story named "article" with its body)."""
        try:
            reduced = keys.named(inputs)
        except Unkeyable:
            reduced = None
        self.open = Recording(name, reduced, keepable=reduced is not None)
        last = self.previous.get(name)
        if reduced is None or last is None or not isinstance(last, tuple) or len(last) != 4:
            return None
        now = digest(keys, name, reduced, last[1], context)
        return last if now is not None and now == last[0] else None

    def kept(self, last: tuple) -> None:
        """The group `start` returned `last` for is kept whole: its entry carries over."""
        self.current[self.open.name] = last
        self.open = None

    def page(self, name: str, key: str | None, shared) -> None:
        """A page written (or kept) while a group is open; `key` None: it has none."""
        if self.open is not None:
            self.open.pages.append(name)
            self.open.shared.update(shared)
            self.open.keepable = self.open.keepable and key is not None

    def end(self, keys: Keys, context, record) -> None:
        """The group's pages are written; `record` is given back when it is kept whole."""
        group, self.open = self.open, None
        if group is not None and group.keepable:
            shared = sorted(group.shared)
            now = digest(keys, group.name, group.inputs, shared, context)
            if now is not None:
                self.current[group.name] = (now, shared, group.pages, record)

    def save(self) -> None:
        # a group kept whole carries the very entry it was loaded with: comparing by identity spares
        # comparing ~64,000 page names and the generators' records (~0.2 s at 10,000 pairs)
        if self.current.keys() != self.previous.keys() or any(
                entry is not self.previous[name] for name, entry in self.current.items()):
            saved = {name: self.pickled.get(id(entry)) or pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
                     for name, entry in self.current.items()}
            replace_file(self.path, pickle.dumps(saved, protocol=pickle.HIGHEST_PROTOCOL))


def digest(keys: Keys, name: str, inputs: str, shared: list[str], context) -> str | None:
    """None when a shared name's value cannot be reduced."""
    try:
        parts = [keys.build_key, name, inputs, *keys.shared(shared, context)]
    except Unkeyable:
        return None
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
