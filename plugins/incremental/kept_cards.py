"""Story cards drawn by the last builds, for listing pages drawn again.

A new story moves every other one down a place on its edition's home pages, so all of them are
drawn again: at 10,000 story pairs 2,000 pages of ten cards (~1.9 s of the rebuild), although
every card but the new story's comes out as the last build drew it. The theme's `story_cards`
macro asks `kept_card` for each card it has not drawn in this build: the markup is kept in the
state folder under the story's card digest (page_keys.py: everything of the story a card can
show, as listing pages are keyed by it) and the macro's arguments that change the markup (the
edition, whose gettext, dates and names the card uses, and the card's variant). The template,
the settings and the catalogs are the build key's: under another key nothing is taken.

Kept in SHARDS files by digest, each read the first time a card of its part is asked for (a
rebuild that draws no listing reads none); a shard drops the cards of stories that are gone or
changed when it is saved.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from .page_keys import Keys
from .state import STATE, replace_file

SHARDS = 64


class KeptCards:
    def __init__(self, folder: Path, keys: Keys):
        self.folder, self.keys = folder, keys
        self.shards: dict[int, dict[str, Markup]] = {}  # shard -> {card key: markup}, as read and added to
        self.changed: set[int] = set()
        self.drawn = 0  # cards drawn by this build (the others were kept)

    def __call__(self, story, variant: tuple, draw: Callable, *arguments) -> Markup:
        """The card `draw(*arguments)` draws of `story` (`variant`: the arguments other than the
        story that change the markup, as text), as an earlier build drew it when there was one."""
        digest = self.keys.card_of(story)
        if digest is None:  # a story the keys cannot reduce: drawn every time, as its pages are
            return draw(*arguments)
        key = "\0".join([digest, *map(repr, variant)])
        number = shard_of(digest)
        cards = self.shard(number)
        markup = cards.get(key)
        if markup is None:  # kept as the Markup the macro made: the page's own memo holds the same object
            markup = cards[key] = draw(*arguments)
            self.changed.add(number)
            self.drawn += 1
        return markup

    def shard(self, number: int) -> dict[str, Markup]:
        if number not in self.shards:
            self.shards[number] = {}
            try:
                with open(self.path(number), "rb") as file:
                    build_key, cards = pickle.load(file)
                if build_key == self.keys.build_key and isinstance(cards, dict):
                    self.shards[number] = cards
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
                pass
        return self.shards[number]

    def path(self, number: int) -> Path:
        return self.folder / f"{number:02d}.pickle"

    def save(self, current: set[str]) -> None:
        """Every shard read: without the cards of stories whose digest is none of `current` (this
        build's card digests), written when that or a new card changed it."""
        for number, cards in self.shards.items():
            gone = [key for key in cards if key.split("\0", 1)[0] not in current]
            for key in gone:
                del cards[key]
            if gone or number in self.changed:
                replace_file(self.path(number), pickle.dumps((self.keys.build_key, cards),
                                                             protocol=pickle.HIGHEST_PROTOCOL))


def shard_of(digest: str) -> int:
    return int(digest[1:5], 16) % SHARDS  # (a card digest is "C" and a SHA-256 in hex)


def provide_kept_card(generator) -> None:
    """generator_init: the generator's templates get `kept_card` (the theme draws each card itself
    where they have none: a build that is not incremental)."""
    build = generator.settings.get(STATE)
    if build is not None and hasattr(generator, "env"):
        generator.env.globals["kept_card"] = build.cards
