"""The search analyzer: text -> index terms, one definition per language.

The browser runs the same steps (theme/static/js/search/analyzer.js) with the configuration this
module writes next to the index (stop words, plural rules, stemmer name), so a reader's query
becomes exactly the terms the build indexed. tests/search/test_parity.py holds both sides to it.

Steps: tokenize (words; numbers and names with digits such as "GPT-4", "Grok3", "100.000" stay
one token) -> lowercase -> stop words (compared accent-folded, so "nao" is dropped like "não")
-> plural normalisation (Portuguese) -> Snowball stem (words without digits) -> accent folding.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from stop_words import get_stop_words

TOKEN = re.compile(r"[^\W_]+(?:[-.,'’][^\W_]+)*")
JOINERS = re.compile(r"[-.,'’]")
DIGIT = re.compile(r"\d")

# Snowball leaves singular and plural apart for these endings (eleição/eleições,
# jornal/jornais); mapping the plural to the singular first makes them one term. Readers also
# type without accents, and Snowball only recognises "-ção" with its accents ("preocupação" ->
# "preocup", but "preocupacao" -> "preocupaca"), so unaccented -cao/-coes get them back.
# Words shorter than MIN_PLURAL_LENGTH are left alone ("mais", "seis", "mães", "cao").
PLURAL_RULES = {
    "pt": [
        ["ções", "ção"], ["coes", "ção"], ["cao", "ção"], ["ões", "ão"], ["oes", "ao"],
        ["ães", "ão"], ["aes", "ao"], ["ãos", "ão"],
        ["ais", "al"], ["éis", "el"], ["eis", "el"], ["óis", "ol"],
    ],
}
MIN_PLURAL_LENGTH = 5

# Language code -> (Snowball algorithm, stop-words list name).
LANGUAGES = {
    "pt": ("portuguese", "portuguese"),
    "id": ("indonesian", "indonesian"),
    "en": ("english", "english"),
}


def fold(word: str) -> str:
    """Strip accents: NFD, then drop every combining mark (Unicode category M)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.category(ch).startswith("M"))


def tokenize(text: str) -> list[str]:
    """Words as written: a token with a digit keeps its joiners' parts together, others split on them."""
    tokens = []
    for raw in TOKEN.findall(unicodedata.normalize("NFC", text)):
        if DIGIT.search(raw):
            tokens.append(JOINERS.sub("", raw))
        else:
            tokens.extend(part for part in JOINERS.split(raw) if part)
    return tokens


@dataclass(frozen=True)
class AnalyzerConfig:
    """What the browser needs to analyze a query like the build did (written to meta.json)."""

    lang: str
    stemmer: str
    stopwords: tuple[str, ...]  # accent-folded, sorted
    plurals: tuple[tuple[str, str], ...]
    min_plural_length: int = MIN_PLURAL_LENGTH

    def as_json(self) -> dict:
        return {
            "lang": self.lang,
            "stemmer": self.stemmer,
            "stopwords": list(self.stopwords),
            "plurals": [list(rule) for rule in self.plurals],
            "minPluralLength": self.min_plural_length,
        }


class UnsupportedLanguage(LookupError):
    pass


@lru_cache(maxsize=None)
def analyzer_config(lang: str) -> AnalyzerConfig:
    if lang not in LANGUAGES:
        raise UnsupportedLanguage(f"no search analyzer for language {lang!r} (known: {', '.join(LANGUAGES)})")
    algorithm, stoplist = LANGUAGES[lang]
    stopwords = tuple(sorted({fold(word.lower()) for word in get_stop_words(stoplist)}))
    return AnalyzerConfig(lang, algorithm, stopwords, tuple(tuple(r) for r in PLURAL_RULES.get(lang, [])))


class Analyzer:
    """Turns text into index terms for one language; each step is also usable alone."""

    def __init__(self, config: AnalyzerConfig):
        self.config = config
        self._stopwords = frozenset(config.stopwords)
        self._stemmer = snowballstemmer.stemmer(config.stemmer)
        self._terms: dict[str, str | None] = {}  # news repeats its words: analyze each once

    def is_stopword(self, word: str) -> bool:
        return fold(word) in self._stopwords

    def singular(self, word: str) -> str:
        if len(word) >= self.config.min_plural_length:
            for plural, singular in self.config.plurals:
                if word.endswith(plural):
                    return word[: -len(plural)] + singular
        return word

    def stem(self, word: str) -> str:
        return word if DIGIT.search(word) else self._stemmer.stemWord(word)

    def term(self, token: str) -> str | None:
        """The index term for one token, or None for a stop word."""
        word = token.lower()
        if self.is_stopword(word):
            return None
        return fold(self.stem(self.singular(word)))

    def terms(self, text: str) -> list[str]:
        cache, found = self._terms, []
        for token in tokenize(text):
            term = cache.get(token, False)
            if term is False:
                term = cache[token] = self.term(token)
            if term:
                found.append(term)
        return found


@lru_cache(maxsize=None)
def analyzer_for(lang: str) -> Analyzer:
    return Analyzer(analyzer_config(lang))
