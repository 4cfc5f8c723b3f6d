"""A page's key: a digest of everything its template can read, so an unchanged key means unchanged bytes.

What a template reads is (1) the keyword arguments the page is written with, (2) the build's
settings and theme (the build key, state.py) and (3) any other name of Pelican's shared context
the template or the templates it includes, extends or imports mention (found by parsing them once:
`articles`, `categories`… of the whole site). (3) goes into the key whole, so a template that reads
the site's whole article list is re-rendered whenever any story changes: correct, merely slow.

Values are reduced to text by `Keys.token`: stories and pages by a digest of their own text and
metadata (each computed once per build), other objects by their fields. A value it cannot reduce
faithfully (an object of no known kind) makes the page unkeyable: it is rendered every build.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import logging
import marshal
import operator
from collections.abc import Mapping
from pathlib import PurePath
from types import MethodType

from jinja2 import meta
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

logger = logging.getLogger(__name__)

# What a story's page key must not follow: the build-wide objects every story holds (covered by
# the build key) and its links to other stories (followed as references: see Keys.reference).
SKIPPED_ATTRIBUTES = {"settings", "_context", "_content", "_summary", "translations", "_cached_content"}
# the fields of a URLWrapper, as Pelican makes it (as_dict adds name and slug): its URL formats nothing else
URLWRAPPER_FIELDS = frozenset({"settings", "_name", "_slug", "_slug_from_name", "name", "slug"})
LEAVES = (str, int, float, bool, type(None), bytes)  # reduced to their repr()
FUNCTION_TYPES = {"function", "method", "builtin_function_or_method", "_lru_cache_wrapper"}  # reduced to their names
# marshal format 0 writes equal plain values as equal bytes (later formats mark interned strings
# and shared objects); a set holding strings comes out in its hash order, which differs between
# processes: its page is only rendered again, never wrongly kept.


# The page's own story (an article's or a static page's page): its body is on the page. Everywhere
# else (listings, the front page, "More in", the chooser) a story is a card: headline, summary,
# date, photo, byline… but never its body, so a change of the body past the summary leaves every
# other page as it was. A template showing a listed story's body must be passed it as OWN_STORY.
OWN_STORY = {"article", "page"}


_ABSENT = object()


class Unkeyable(Exception):
    """A value the key cannot reduce faithfully: its page is always rendered."""


def skipped_in_key(field: dataclasses.Field) -> bool:
    """A dataclass field declared `field(metadata={"page_key": False})`: its owner says no template reads it."""
    return field.metadata.get("page_key") is False


class Keys:
    """Page keys of one build. Objects are reduced once: the memo holds them, so ids stay theirs."""

    def __init__(self, settings: Mapping):
        self.build_key = ""  # set once the settings are reduced (state.build_key uses token())
        self.settings = settings
        self.memo: dict[tuple[int, str], tuple[object, str]] = {}
        self.reducers: dict[type, object] = {}  # type of value -> how token() reduces it (_reducer)
        # how a story is reduced where it is met: "page" (the page's own story: all of it), "card"
        # (a story a page lists: all but its body), "reference" (a story another story points to)
        self.mode = "card"
        self.methods: dict[tuple[int, object], tuple[object, str]] = {}
        self.describers: dict[type, object] = {}  # type of object -> how _object_token describes it
        self.cards: dict[int, str] = {}  # id of a story -> its card digest
        self.terms: dict[tuple, str] = {}  # (type, name, slug, _slug_from_name) of a term -> its token (_term)
        self.term_kinds: set[type] = set()  # the URLWrapper types met: reduced by _term without the memo's look-up
        self.last: dict[str, tuple] = {}  # argument -> (value, its items, token) of the last page
        self.unkeyable: dict[str, str] = {}  # template -> why its pages are rendered every build
        self.template_names: dict[str, frozenset[str]] = {}
        self.parsed: dict[str, tuple[set[str], list[str]]] = {}
        self.layouts: dict[tuple, tuple[list[str], list[str]]] = {}  # (template, *arguments) -> their names in key order

    # ---- values --------------------------------------------------------------------------

    def token(self, value, depth: int = 0) -> str:
        kind = type(value)
        if kind in LEAVES:  # the common cases first, by exact type: this runs ~100 times a page
            return repr(value)
        if kind is list or kind is tuple or kind is dict:
            # made of plain values only (most page arguments): reduced in C. One whose first item is
            # an object (a story's tags, a listing's stories) is not tried: the failure costs a raise.
            if not value or type(next(iter(value.values())) if kind is dict else value[0]) in LEAVES:
                try:
                    return "\0" + marshal.dumps(value, 0).decode("latin-1")  # (no token of text starts with NUL)
                except ValueError:  # it holds an object further on: reduced item by item
                    pass
            if kind is dict:
                return self._mapping(value, depth)
            if all(type(item) in self.term_kinds for item in value):  # a story's tags, authors
                return "[" + ",".join([self._term(item) for item in value]) + "]"
            return "[" + ",".join([self.token(item, depth + 1) for item in value]) + "]"
        if kind in self.term_kinds:  # (a term is never in the memo: every story holds objects of its own)
            return self._term(value)
        # an object reduced before in this mode (a story met again on another listing page): looked
        # up before any type test, as most values of a listing are the same few thousand stories
        remembered = self.memo.get((id(value), self.mode))
        if remembered is not None:
            return remembered[1]
        if depth > 12:
            raise Unkeyable(f"nested deeper than 12: {kind.__name__}")
        reduce = self.reducers.get(kind)
        if reduce is None:  # the type tests run once per type, not once per value
            reduce = self.reducers[kind] = self._reducer(kind)
        return reduce(value, depth)

    def _reducer(self, kind: type):
        """How values of `kind` are reduced, by the first of these tests it passes."""
        if issubclass(kind, LEAVES):  # str subclasses (Markup…), bool
            return lambda value, depth: f"{kind.__name__}({value!r})"
        if issubclass(kind, datetime.timedelta):
            return lambda value, depth: repr(value)
        if issubclass(kind, (datetime.datetime, datetime.date, datetime.time)):
            return lambda value, depth: f"{kind.__name__}({value.isoformat()},{getattr(value, 'tzinfo', None)})"
        if issubclass(kind, datetime.tzinfo):
            return lambda value, depth: f"tz({value})"
        if issubclass(kind, (list, tuple)):
            return lambda value, depth: "[" + ",".join([self.token(item, depth + 1) for item in value]) + "]"
        if issubclass(kind, (set, frozenset)):
            return lambda value, depth: "{" + ",".join(sorted(self.token(item, depth + 1) for item in value)) + "}"
        if issubclass(kind, Mapping):
            return self._mapping
        if issubclass(kind, PurePath):
            return lambda value, depth: repr(str(value))
        if issubclass(kind, MethodType):  # a new object at every look-up: not remembered
            return self._object_token
        if issubclass(kind, Content):
            return self._content
        if issubclass(kind, URLWrapper):  # a story's own tag objects: _term keeps one token per term
            self.term_kinds.add(kind)
            return lambda value, depth: self._term(value)
        return self._remembered

    def _content(self, value: Content, depth: int) -> str:
        if self.mode == "reference":
            return self.reference(value)
        return self._remembered(value, depth)

    def _remembered(self, value, depth: int) -> str:
        memo_key = (id(value), self.mode)
        token = self._object_token(value, depth)
        self.memo[memo_key] = (value, token)
        return token

    def _mapping(self, value: Mapping, depth: int) -> str:
        # in its own order: a template that loops over it shows it in that order
        return "{" + ",".join([f"{self.token(k, depth + 1)}:{self.token(v, depth + 1)}" for k, v in value.items()]) + "}"

    def _object_token(self, value, depth: int) -> str:
        kind = type(value)
        describe = self.describers.get(kind)
        if describe is None:  # like the reducers: the type tests run once per type (per-page objects are many)
            describe = self.describers[kind] = self._describer(kind)
        return describe(value, depth)

    def _describer(self, kind: type):
        """How an object of `kind` (none of _reducer's plain values) is described, by the first of
        these tests it passes."""
        if issubclass(kind, Content):
            return self._story
        if issubclass(kind, URLWrapper):  # a category, tag or author: what templates show of it
            return lambda value, depth: self._term(value)
        if issubclass(kind, functools.partial):
            return lambda value, depth: (f"partial({self.callable_name(value.func)},{self.token(value.args, depth + 1)},"
                                         f"{self.token(value.keywords, depth + 1)})")
        if issubclass(kind, MethodType):
            return lambda value, depth: self._method(value)
        if kind.__name__ in FUNCTION_TYPES:
            # gettext of an edition, format_date…: what they answer is the build's (catalogs, settings)
            # and the page's (its language, in the key through its other arguments)
            return lambda value, depth: self.callable_name(value)
        if dataclasses.is_dataclass(kind):
            names = [f.name for f in dataclasses.fields(kind) if not skipped_in_key(f)]
            return lambda value, depth: f"{kind.__qualname__}(" + ",".join(
                [f"{name}={self.token(getattr(value, name), depth + 1)}" for name in names]) + ")"
        if kind.__module__.split(".")[0] not in ("builtins", "jinja2", "babel", "gettext"):
            return self._fields
        return self._unkeyable

    def _story(self, value: Content, depth: int) -> str:
        body, self.mode = self.mode == "page", "reference"  # the stories it holds, by reference only
        try:
            return self.content_digest(value, body)
        finally:
            self.mode = "page" if body else "card"

    def _method(self, value: MethodType) -> str:
        """A new object at every look-up: named by what it binds."""
        bound = (id(value.__self__), value.__func__)
        if bound not in self.methods:
            self.methods[bound] = (value.__self__, self.callable_name(value))
        return self.methods[bound][1]

    def _fields(self, value, depth: int) -> str:
        state = getattr(value, "__dict__", None)
        if state is None:
            return self._unkeyable(value, depth)
        return f"{type(value).__qualname__}(" + ",".join(
            f"{name}={self.token(item, depth + 1)}" for name, item in sorted(state.items())
            if name not in SKIPPED_ATTRIBUTES) + ")"

    @staticmethod
    def _unkeyable(value, depth: int) -> str:
        raise Unkeyable(f"a {type(value).__module__}.{type(value).__qualname__}")

    def _term(self, value: URLWrapper) -> str:
        # Every story holds its own objects for its tags: one token per term, not per object. Its
        # URL is Pelican's format of the settings with its fields, which then are the whole memo key.
        # (Its fields as Pelican keeps them: a slug not worked out yet, None, is made from the name.)
        fields = vars(value)
        if (len(fields) == 4 and fields.get("settings") is self.settings and "_name" in fields and "_slug" in fields
                and "_slug_from_name" in fields):  # as Pelican makes one: the common case, told first
            plain = True
            memo_key = (type(value), fields["_name"], fields["_slug"], fields["_slug_from_name"])
        else:
            plain = fields.keys() <= URLWRAPPER_FIELDS and value.settings is self.settings
            memo_key = (type(value), fields.get("_name"), fields.get("_slug"), fields.get("_slug_from_name")) if plain else None
        token = self.terms.get(memo_key) if plain else None
        if token is None:
            token = f"{type(value).__name__}({value.name!r},{value.slug!r},{value.url!r})"
            if plain:
                self.terms[memo_key] = token
        return token

    @staticmethod
    def callable_name(value) -> str:
        function = getattr(value, "__wrapped__", value)
        owner = getattr(value, "__self__", None)
        name = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', type(function).__qualname__)}"
        return f"call({name}{'' if owner is None else ' of ' + type(owner).__qualname__})"

    def content_digest(self, content: Content, body: bool) -> str:
        """A story or page: its text as pages show it (links resolved), metadata, and what plugins
        added to it; its translations and its original only by reference. `body`: with its body
        (its own page), else as a card."""
        card = self.cards.get(id(content))
        if card is None:
            parts = [type(content).__qualname__, repr(content.source_path), repr(content.summary)]
            attributes = vars(content)
            # in the order they were set, which is Pelican's and the plugins' (a kept story is
            # pickled as Pelican made it, and the plugins add to it in the same order every build)
            for name, value in attributes.items():
                if name in SKIPPED_ATTRIBUTES:
                    continue
                if type(value) in LEAVES:  # most of a story's attributes: reduced here, as token() would
                    parts.append(f"{name}={value!r}")
                    continue
                if name == "metadata" and type(value) is dict:
                    # Pelican sets each metadata field as an attribute too: a value that is the very
                    # attribute's object is already in the digest (half of a story's values); the
                    # fields' names keep their order (a template may loop over them)
                    parts.append(f"metadata={list(value)!r}")
                    for field, item in value.items():
                        if attributes.get(field, _ABSENT) is not item:
                            parts.append(f"metadata.{field}={item!r}" if type(item) in LEAVES
                                         else f"metadata.{field}={self.token(item, 2)}")
                    continue
                parts.append(f"{name}={self.token(value, 1)}")
            parts.append("translations=" + ",".join(self.reference(t) for t in getattr(content, "translations", [])))
            card = "C" + hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
            self.cards[id(content)] = card  # the memo (token) keeps the story itself
        if not body:
            return card
        body = content.content  # (the card's digest has a fixed length: the two cannot run into each other)
        return "P" + hashlib.sha256(f"{card}{body if type(body) is str else self.token(body)}".encode(
            "utf-8", "surrogatepass")).hexdigest()

    def card_of(self, story: Content) -> str | None:
        """The story's card digest, as a page listing it reduces it (None: it cannot be reduced)."""
        self.mode = "reference"  # as _story reduces a card: the stories it holds by reference
        try:
            return self.content_digest(story, False)
        except Unkeyable:
            return None
        finally:
            self.mode = "card"

    @staticmethod
    def reference(value: Content) -> str:
        """Another story seen from a story (its translation, its original): what a page shows of it."""
        return "R" + repr((value.source_path, value.url, value.title, value.lang, value.status,
                           str(getattr(value, "date", None)), str(getattr(value, "modified", None))))

    # ---- pages ---------------------------------------------------------------------------

    def page_key(self, name: str, template, context: Mapping, kwargs: Mapping) -> str | None:
        """The key of one written file, or None when its inputs cannot be reduced (always rendered)."""
        parts = [self.build_key, name, template.name]
        layout = (template.name, *kwargs)
        order = self.layouts.get(layout)
        if order is None:  # pages of one template are written with the same arguments, in the same order
            order = self.layouts[layout] = (
                sorted(kwargs), [shared for shared in sorted(self.shared_names(template) - kwargs.keys())
                                 if shared not in self.settings])
        last = self.last
        try:
            for argument in order[0]:
                value = kwargs[argument]
                if type(value) in LEAVES:  # the page's URL, its language…: nothing to remember
                    parts.append(f"{argument}={value!r}")
                    continue
                # the edition's sections, footer pages, editions… are the same objects page after page
                kept = last.get(argument)
                if kept is not None and kept[0] is value and (kept[1] is None or _same_items(kept[1], value)):
                    parts.append(kept[2])
                else:
                    parts.append(self._argument(argument, value))
            parts += self.shared(order[1], context)
        except Unkeyable as reason:
            if template.name not in self.unkeyable:
                self.unkeyable[template.name] = str(reason)
                logger.debug("incremental: %s is rendered every build: its inputs hold %s", template.name, reason)
            return None
        finally:
            self.mode = "card"
        return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def named(self, values: Mapping) -> str:
        """Named values reduced as page arguments of those names are (page_groups.py): a story
        under an OWN_STORY name with its body."""
        try:
            return "\n".join([self._named(name, value) for name, value in values.items()])
        finally:
            self.mode = "card"

    def shared(self, names, context: Mapping) -> list[str]:
        """The names of Pelican's shared context a page reads, reduced (a story in them as a card)."""
        self.mode = "card"
        return [f"{name}={self.token(context[name])}" for name in names if name in context]

    def _named(self, name: str, value) -> str:
        """A value under the name of a page argument: a story under an OWN_STORY name with its body."""
        self.mode = "page" if name in OWN_STORY else "card"
        return f"{name}={self.token(value)}"

    def _argument(self, argument: str, value) -> str:
        """One keyword argument of a page that is not the very object of the last page's (page_key),
        remembered for the next page."""
        token = self._named(argument, value)
        if token[len(argument) + 1:len(argument) + 2] != "\0":  # (plain values are reduced in C anyway)
            self.last[argument] = (value, _items(value), token)
        return token

    def shared_names(self, template) -> frozenset[str]:
        """Every name the template, and the templates it extends, includes or imports, reads from outside."""
        if template.name not in self.template_names:
            names: set[str] = set()
            seen: set[str] = set()
            pending = [template.name]
            while pending:
                current = pending.pop()
                if current in seen:
                    continue
                seen.add(current)
                own, referenced = self._parsed(template.environment, current)
                names |= own
                pending.extend(referenced)
            self.template_names[template.name] = frozenset(names)
        return self.template_names[template.name]

    def _parsed(self, env, name: str) -> tuple[set[str], list[str]]:
        """One template's undeclared names and the templates it names (all of them for a name
        computed at render time), parsed once per build."""
        if name not in self.parsed:
            tree = env.parse(env.loader.get_source(env, name)[0])
            referenced = list(meta.find_referenced_templates(tree))
            if None in referenced:
                referenced = env.list_templates()
            self.parsed[name] = (meta.find_undeclared_variables(tree), referenced)
        return self.parsed[name]


def _items(value) -> tuple | None:
    """The objects a container holds, to tell later that it still holds them; None for a value
    that holds none or cannot change what it holds (a tuple)."""
    if type(value) is tuple:
        return None
    if isinstance(value, (list, tuple)):
        return tuple(value)
    if isinstance(value, dict):
        return (*value.keys(), *value.values())
    return None


def _same_items(items: tuple, value) -> bool:
    """`value` (the object `items` was taken from) still holds the very same objects."""
    now = _items(value)
    return len(now) == len(items) and all(map(operator.is_, now, items))

