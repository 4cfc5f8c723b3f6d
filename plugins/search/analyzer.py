"""The search analyzer: text -> index terms, one definition per language.

The browser runs the same steps (theme/static/js/search/analyzer.js) with the configuration this
module writes next to the index (stop words, plural rules, fixed words, stem repairs, stemmer
name), so a reader's query becomes exactly the terms the build indexed. tests/search/test_parity.py
holds both sides to it.

Steps: tokenize (words; numbers and names with digits such as "GPT-4", "Grok3", "100.000" stay
one token) -> lowercase -> stop words (compared accent-folded, so "nao" is dropped like "não")
-> plural normalisation (Portuguese) -> fixed words (roots and names Snowball would cut; words
with digits are kept as they are) -> Snowball stem -> accent folding -> stem repairs (a table of
stems, then of stem endings: derivations and affixes Snowball leaves apart or reads wrongly).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Iterator

import snowballstemmer
from stop_words import get_stop_words

TOKEN = re.compile(r"[^\W_]+(?:[-.,'’][^\W_]+)*")
JOINERS = re.compile(r"[-.,'’]")
# Punctuation around a word: a piece of text that is letters once it is stripped is one token.
PUNCTUATION = "\"'’‘“”«»()[]{}.,;:!?…–—-/*"
DIGIT = re.compile(r"\d")

# Snowball leaves singular and plural apart for these endings (eleição/eleições,
# jornal/jornais); mapping the plural to the singular first makes them one term. Readers also
# type without accents, and Snowball only recognises "-ção" with its accents ("preocupação" ->
# "preocup", but "preocupacao" -> "preocupaca"), so unaccented -cao/-coes get them back.
# Words shorter than MIN_PLURAL_LENGTH are left alone ("mais", "seis", "mães", "cao").
PLURAL_RULES = {
    "pt": [
        ["ções", "ção"], ["coes", "ção"], ["cao", "ção"], ["ões", "ão"], ["oes", "ao"],
        ["ães", "ão"], ["aes", "ao"], ["ãos", "ão"], ["ãs", "ã"],
        ["ais", "al"], ["éis", "el"], ["eis", "el"], ["óis", "ol"],
    ],
}
MIN_PLURAL_LENGTH = 5

# Derivations and affixes (issue 11): three tables per language, written to the browser's config
# and applied there by the same steps.
# - WORDS: whole words whose term is fixed, looked up before stemming (also with one of
#   WORD_ENDINGS removed, "beritanya" -> "berita"): Indonesian roots Snowball cuts into a stub or
#   into another word ("berita" -> "ita", "menteri" -> "teri", "perdana" -> "dana", "ketua" ->
#   "tua") and names that start like a prefix ("Kediri" -> "diri", "Merapi" -> "rapi"). Written
#   from general knowledge (no third-party dictionary); only words Snowball does change.
# - STEMS: a folded Snowball stem -> the term its family shares. Indonesian meN-/peN- before a
#   k-root drops the k ("mengembangkan" -> "embang", "dikembangkan" -> "kembang"), pe- before an
#   r-root is read as per- ("perawat" -> "awat", "dirawat" -> "rawat"), meN- before a t-root
#   ("menerbitkan" -> "erbit"), a root in -s keeps a suffix -i ("membatasi" -> "batasi"), and the
#   prefixed forms of the WORDS roots ("pemberitaan" -> "ita" -> "berita"). A stem mapped to
#   itself is an exception of STEM_ENDINGS.
# - STEM_ENDINGS: [ending of the folded stem, replacement, shortest stem left], the first that
#   fits: pt derivations whose Snowball stem is longer than the noun's ("ambiental",
#   "ambientalista" -> "ambient" like "ambiente"; "chuvoso" -> "chuv" like "chuva"; "bancário"
#   -> "banc" like "banco"; "votação" -> "vot" like "votos"); id "-isasi" -> the root
#   ("normalisasi" -> "normal") and roots in -ai, whose -i Snowball trims on one side of ber- only
#   ("pantai" -> "panta", "berpantai" -> "pantai").
# Every entry was checked against the words it merges on real news: bench/realnews_analyzer.py
# --baseline-commit prints the words each change joins or separates, for review.
WORD_ENDINGS = {"id": ["nya", "lah", "kah", "pun", "ku", "mu"]}
WORDS = {
    "id": {
        # roots Snowball cuts into another word or a stub
        "berita": "berita", "menteri": "menteri", "perdana": "perdana", "pertama": "pertama",
        "kepala": "kepala", "kereta": "kereta", "sekolah": "sekolah", "negeri": "negeri",
        "peduli": "peduli", "kembali": "kembali", "nilai": "nilai", "damai": "damai",
        "mulai": "mulai", "berikan": "beri", "perilaku": "perilaku", "perintah": "perintah",
        "pemerintah": "pemerintah", "pemerintahan": "pemerintah",  # government, not perintah (order)
        "direktur": "direktur", "dirgantara": "dirgantara", "meteorologi": "meteorologi",
        "beruang": "beruang", "kemarin": "kemarin", "dimensi": "dimensi", "diskusi": "diskusi",
        "diploma": "diploma", "diplomat": "diplomat", "diplomasi": "diplomasi", "terapi": "terapi",
        "teroris": "teror", "terorisme": "teror", "metode": "metode", "medali": "medali",
        "media": "media", "pemilu": "pemilu", "pesawat": "pesawat", "pelita": "pelita",
        "penari": "penari", "merdeka": "merdeka", "divisi": "divisi", "perlahan": "perlahan",
        "berikut": "berikut", "mengawal": "kawal", "pengawalan": "kawal",
        # k-roots whose ke- Snowball reads as the prefix ("ketua" -> "tua", "kemeja" -> "meja")
        "keluar": "keluar", "kelola": "kelola", "kendali": "kendali", "keluarga": "keluarga",
        "kelompok": "kelompok", "kemeja": "kemeja", "kelapa": "kelapa", "kerabat": "kerabat",
        "ketua": "ketua",
        # places and names that start like a prefix
        "kediri": "kediri", "kendari": "kendari", "kebumen": "kebumen", "kemayoran": "kemayoran",
        "merapi": "merapi", "merauke": "merauke", "menado": "menado", "megawati": "megawati",
        "mediawati": "mediawati", "megamendung": "megamendung", "pertamina": "pertamina",
        "pekalongan": "pekalongan", "pekanbaru": "pekanbaru", "pematang": "pematang",
        "pemalang": "pemalang", "perancis": "perancis", "terengganu": "terengganu",
        "ternate": "ternate", "berkeley": "berkeley", "mendoza": "mendoza", "meksiko": "meksiko",
    },
}
STEMS = {
    "id": {
        # meN-/peN- + k-root
        "embang": "kembang", "embali": "kembali", "umpul": "kumpul", "irim": "kirim",
        "eluar": "keluar", "utip": "kutip", "unjung": "kunjung", "urang": "kurang",
        "uasa": "kuasa", "onsumsi": "konsumsi", "onfirmasi": "konfirmasi", "ontak": "kontak",
        "uras": "kuras", "erah": "kerah", "ena": "kena", "alah": "kalah", "ata": "kata",
        "etahu": "tahu", "ketahu": "tahu", "elola": "kelola", "enal": "kenal", "ejar": "kejar",
        "ecam": "kecam", "endali": "kendali", "endal": "kendali", "emuka": "kemuka", "ampanye": "kampanye",
        "ritik": "kritik", "oordinasi": "koordinasi", "ategori": "kategori",
        # pe- + r-root read as per-, meN- + t-root, ter- read as a prefix
        "awat": "rawat", "etas": "retas", "umah": "rumah", "akit": "rakit", "ampok": "rampok",
        "okok": "rokok", "antau": "rantau", "agam": "ragam",
        "erbit": "terbit", "bitkan": "terbit", "filman": "film",
        # the family of a protected root (after prefixes Snowball does strip)
        "ita": "berita", "seko": "sekolah", "neger": "negeri", "duli": "peduli", "intah": "perintah",
        "ila": "nilai", "ilai": "nilai", "nila": "nilai", "dama": "damai", "mula": "mulai",
        "pula": "mulai",
        # a root ending in -s + suffix -i, which Snowball keeps (its guard for loanwords in -si)
        "batasi": "batas", "atasi": "atas", "lintasi": "lintas", "awasi": "awas", "hiasi": "hias",
        # exceptions of STEM_ENDINGS: organisasi is not organ; roots of WORDS ending in -ai
        "organisasi": "organisasi", "nilai": "nilai", "damai": "damai", "mulai": "mulai",
    },
    "pt": {
        # exceptions of STEM_ENDINGS: words that only look derived from a shorter one
        "general": "general", "informal": "informal", "temporal": "temporal", "digital": "digital",
        "original": "original", "capital": "capital", "hospital": "hospital",
        "material": "material", "especial": "especial", "formos": "formos", "curios": "curios",
        "primari": "primari", "secretari": "secretari", "funcionari": "funcionari",
        "estaca": "estaca", "formaca": "formaca", "ligaca": "ligaca", "situaca": "situaca",
        "geraca": "geraca", "fundaca": "fundaca",
    },
}
STEM_ENDINGS = {
    "pt": [
        ["aca", "", 3],     # -ação Snowball keeps in short words: votação -> vot (votos, votar)
        ["al", "", 5],      # ambiental, central, cultural, eleitoral -> the noun
        ["ism", "ist", 3],  # turismo -> turist like turista
        ["ari", "", 4],     # bancário, empresário, necessário -> banco, empresa, necessidade
        ["ar", "", 4],      # bancária, necessária -> banco, necessidade
        ["os", "", 3],      # chuvoso, rochosa, famoso -> chuva, rocha, fama
    ],
    "id": [
        ["isasi", "", 4],   # normalisasi, globalisasi, sosialisasi -> normal, global, sosial
        # a root ending in -ai loses its -i alone ("pantai" -> "panta") but keeps it after ber-
        # or inside ke-/pe-...-an, where the word has too few vowels left ("berpantai" -> "pantai")
        ["ai", "a", 3],
    ],
}

# Language code -> (Snowball algorithm, stop-words list name).
LANGUAGES = {
    "pt": ("portuguese", "portuguese"),
    "id": ("indonesian", "indonesian"),
    "en": ("english", "english"),
}


def fold(word: str) -> str:
    """Strip accents: NFD, then drop every combining mark (Unicode category M)."""
    if word.isascii():  # most words of pt and id news: nothing to strip
        return word
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.category(ch).startswith("M"))


def raw_tokens(text: str) -> list[str]:
    """Runs of letters and digits with their inner joiners ("GPT-4", "ex-ministro", "100.000")."""
    return TOKEN.findall(unicodedata.normalize("NFC", text))


def split_raw(raw: str) -> list[str]:
    """The tokens of one raw run: with a digit, one token without its joiners; else its parts."""
    if DIGIT.search(raw):
        return [JOINERS.sub("", raw)]
    return [part for part in JOINERS.split(raw) if part]


def tokenize(text: str) -> list[str]:
    """Words as written: a token with a digit keeps its joiners' parts together, others split on them."""
    return [token for raw in raw_tokens(text) for token in split_raw(raw)]


@dataclass(frozen=True)
class AnalyzerConfig:
    """What the browser needs to analyze a query like the build did (written to meta.json)."""

    lang: str
    stemmer: str
    stopwords: tuple[str, ...]  # accent-folded, sorted
    plurals: tuple[tuple[str, str], ...]
    min_plural_length: int = MIN_PLURAL_LENGTH
    words: tuple[tuple[str, str], ...] = ()  # whole word -> term, bypassing the stemmer
    word_endings: tuple[str, ...] = ()  # endings removed to find a word of `words`
    stems: tuple[tuple[str, str], ...] = ()  # folded stem -> term
    stem_endings: tuple[tuple[str, str, int], ...] = ()  # (ending, replacement, shortest stem left)

    def as_json(self) -> dict:
        return {
            "lang": self.lang,
            "stemmer": self.stemmer,
            "stopwords": list(self.stopwords),
            "plurals": [list(rule) for rule in self.plurals],
            "minPluralLength": self.min_plural_length,
            "words": [list(pair) for pair in self.words],
            "wordEndings": list(self.word_endings),
            "stems": [list(pair) for pair in self.stems],
            "stemEndings": [list(rule) for rule in self.stem_endings],
        }


class UnsupportedLanguage(LookupError):
    pass


@lru_cache(maxsize=None)
def analyzer_config(lang: str) -> AnalyzerConfig:
    if lang not in LANGUAGES:
        raise UnsupportedLanguage(f"no search analyzer for language {lang!r} (known: {', '.join(LANGUAGES)})")
    algorithm, stoplist = LANGUAGES[lang]
    stopwords = tuple(sorted({fold(word.lower()) for word in get_stop_words(stoplist)}))
    return AnalyzerConfig(
        lang, algorithm, stopwords, tuple(tuple(r) for r in PLURAL_RULES.get(lang, [])),
        words=tuple(sorted(WORDS.get(lang, {}).items())),
        word_endings=tuple(WORD_ENDINGS.get(lang, [])),
        stems=tuple(sorted(STEMS.get(lang, {}).items())),
        stem_endings=tuple(tuple(rule) for rule in STEM_ENDINGS.get(lang, [])),
    )


class Analyzer:
    """Turns text into index terms for one language; each step is also usable alone."""

    def __init__(self, config: AnalyzerConfig):
        self.config = config
        self._stopwords = frozenset(config.stopwords)
        self._stemmer = snowballstemmer.stemmer(config.stemmer)
        self._words = dict(config.words)
        self._stems = dict(config.stems)
        self._plural_endings = tuple(plural for plural, _ in config.plurals)
        self._vocabulary = Vocabulary(self)  # news repeats its words: analyze each once

    def is_stopword(self, word: str) -> bool:
        return fold(word) in self._stopwords

    def singular(self, word: str) -> str:
        if len(word) >= self.config.min_plural_length and word.endswith(self._plural_endings):
            for plural, singular in self.config.plurals:
                if word.endswith(plural):
                    return word[: -len(plural)] + singular
        return word

    def fixed_word(self, word: str) -> str | None:
        """The term `words` gives this word, itself or without one of `word_endings`."""
        if word in self._words:
            return self._words[word]
        for ending in self.config.word_endings:
            if word.endswith(ending) and word[: -len(ending)] in self._words:
                return self._words[word[: -len(ending)]]
        return None

    def repaired(self, stem: str) -> str:
        """A folded stem after the `stems` table, else the first matching `stem_endings` rule."""
        if stem in self._stems:
            return self._stems[stem]
        for ending, replacement, shortest in self.config.stem_endings:
            if stem.endswith(ending) and len(stem) - len(ending) >= shortest:
                return stem[: -len(ending)] + replacement
        return stem

    def stem(self, word: str) -> str:
        return word if DIGIT.search(word) else self._stemmer.stemWord(word)

    def term(self, token: str) -> str | None:
        """The index term for one token, or None for a stop word."""
        word = token.lower()
        if self.is_stopword(word):
            return None
        word = self.singular(word)
        if DIGIT.search(word):
            return fold(word)
        fixed = self.fixed_word(word)
        return fold(fixed) if fixed is not None else self.repaired(fold(self.stem(word)))

    def terms(self, text: str) -> list[str]:
        return self._vocabulary.terms(text)


class Vocabulary:
    """An analyzer's terms for some text, remembering every token it met and its term: one per
    build gives the surface forms the browser matches a half-typed word against (partitions.py).
    News repeats its words, so the text is cut at white space (tokens never span it) and each
    distinct piece ("governo,", "(AFP)") is tokenized and analyzed once, when first met; a known
    piece costs a dictionary lookup in C (map over the pieces), with no Python step per word.
    Pieces and terms are numbered in order of first appearance (`pieces`, for index builds)."""

    def __init__(self, analyzer: Analyzer, known: dict[str, tuple] | None = None):
        """`known`: {piece: its analysis} from an earlier build with the same analyzer (`analyses`),
        used instead of analyzing the piece again; the numbering and `seen` come out the same."""
        self.analyzer = analyzer
        self.known = known or {}
        self.seen: dict[str, str | None] = {}  # token as written -> its term (None: a stop word)
        self.term_names: list[str] = []  # term number -> term
        self.term_numbers: dict[str, int] = {}
        self.piece_terms: list[tuple[int, ...]] = []  # piece number -> its terms' numbers
        self._piece_names: list[tuple[str, ...]] = []  # piece number -> its terms
        self.analyses: dict[str, tuple] = {}  # piece -> ((token, its term or None), ...), every piece met
        self._pieces = NumberedPieces(self._number)  # piece -> its number

    def _analyze(self, piece: str) -> tuple[tuple[str, str | None], ...]:
        word = piece.strip(PUNCTUATION)
        if word.isalpha():  # most pieces: one word, maybe with punctuation around it (no regex needed)
            tokens = [word]
        else:
            tokens = [token for raw in TOKEN.findall(piece) for token in split_raw(raw)]
        for token in tokens:
            if token not in self.seen:
                self.seen[token] = self.analyzer.term(token)
        return tuple((token, self.seen[token]) for token in tokens)

    def _number(self, piece: str) -> int:
        analysis = self.known.get(piece)
        if analysis is None:
            analysis = self._analyze(piece)
        else:
            self.seen.update(analysis)
        self.analyses[piece] = analysis
        terms = tuple(term for _, term in analysis if term)
        for term in terms:
            if term not in self.term_numbers:
                self.term_numbers[term] = len(self.term_names)
                self.term_names.append(term)
        self.piece_terms.append(tuple(self.term_numbers[term] for term in terms))
        self._piece_names.append(terms)
        return len(self.piece_terms) - 1

    def pieces(self, text: str) -> Iterator[int]:
        """The numbers of the text's pieces, in order; a new piece is analyzed and numbered when
        the iterator reaches it (so new terms are numbered in order of appearance)."""
        return map(self._pieces.__getitem__, split_pieces(text))

    def terms(self, text: str) -> list[str]:
        return list(chain.from_iterable(map(self._piece_names.__getitem__, self.pieces(text))))

    def tokens(self, text: str) -> list[tuple[str, str | None]]:
        """Every token of the text in order, with its term (None: a stop word)."""
        pieces = split_pieces(text)
        for piece in pieces:
            self._pieces[piece]  # analyzed and numbered when new
        return list(chain.from_iterable(map(self.analyses.__getitem__, pieces)))


def split_pieces(text: str) -> list[str]:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.split()


class NumberedPieces(dict):
    """{piece of text: its number}, numbering (and analyzing) a piece the first time it is looked up."""

    def __init__(self, number):
        super().__init__()
        self.number = number

    def __missing__(self, piece: str) -> int:
        number = self[piece] = self.number(piece)
        return number


@lru_cache(maxsize=None)
def analyzer_for(lang: str) -> Analyzer:
    return Analyzer(analyzer_config(lang))
