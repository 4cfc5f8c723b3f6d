"""Search quality and timing queries for bench/search_bench.py.

Two sets of quality queries, each query with the one story it should find:
- `sample_queries(content)`: queries about the seed story of the project's sample content
  (content/), whose other stories are there to be ranked below it; it checks that exact,
  inflected, plural, unaccented and name forms reach the story, and rank it first.
- `corpus_queries(stories)`: known-item queries on the synthetic corpus (bench/corpus.py: real
  aligned pt/id news sentences, each story with its own names and figures). A query names a story
  by a name no other story has, alone ("names"), with an exact word of the story's lede ("exact"),
  or by two of its names that only it has together ("names"); stories are spread over the whole
  date range. Word forms on real text are bench/realnews_search.py's job (real reader queries).

And, picked from the corpus generated (its words, names and sentences): `common_word` (the word in
the most stories of a language: the largest posting list), `oldest_unique_name` (a name only the
oldest possible story has) and `latency_queries` (what readers type, for keystroke timing).

A query's relevant story is identified by the slug of its article in the query's language (the
last segment of the result URL), which both engines report.
"""

from __future__ import annotations

import bisect
import importlib.util
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("exact", "inflected", "plural", "unaccented", "names")


@dataclass(frozen=True)
class Query:
    kind: str  # one of KINDS (the corpus uses "exact" and "names")
    lang: str  # "pt" or "id": the edition searched
    text: str  # what the reader types
    slug: str  # slug of the relevant article (in `lang`)
    note: str = ""  # what the query tests (the form in the text it should reach)


# The sample content: the seed story, "Grok 3, da xAI, perde o prazo de 2024" (pt) and its id version.
# (text, note): note says which form of the word the article has.
SAMPLE = {
    "pt": {
        "exact": [("gargalos", ""), ("treinamento", ""), ("atraso", ""), ("indústria", ""),
                  ("modelos de linguagem", "")],
        "inflected": [("atrasou", "atraso/atrasos"), ("lançada", "lançado/lançamento"),
                      ("planejada", "planejado"), ("treinar", "treinamento"), ("competir", "competitivo"),
                      ("lançar", "lançamento/lançado"), ("atrasado", "atraso")],
        "plural": [("gerações", "geração"), ("situação", "situações"), ("formações", "formação"),
                   ("preocupações", "preocupação"), ("atual", "atuais"), ("comercial", "comerciais"),
                   ("sociais", "social"), ("lançamentos", "lançamento"), ("gargalo", "gargalos")],
        "unaccented": [("lancamento", "lançamento"), ("situacao", "situações"), ("geracao", "geração"),
                       ("preocupacao", "preocupação"), ("industria", "indústria"), ("analise", "análise"),
                       ("proxima geracao", "próxima geração"), ("pressoes comerciais", "pressões comerciais")],
        "names": [("Grok3", ""), ("grok3", "lowercase"), ("Grok 3", "with a space"), ("GPT-4", ""),
                  ("gpt4", "no hyphen"), ("xAI", ""), ("Elon Musk", ""), ("Musk", ""), ("Grok2.5", ""),
                  ("Claude3.5Opus", ""), ("H100", ""), ("100.000", ""), ("Lex Fridman", "")],
    },
    "id": {
        "exact": [("hambatan", ""), ("pelatihan", ""), ("penundaan", ""), ("perusahaan", ""),
                  ("model bahasa", "")],
        "inflected": [("peluncurannya", "peluncuran"), ("dilatih", "pelatihan"),
                      ("keterlambatannya", "keterlambatan"), ("dikembangkan", "pengembangan/mengembangkan"),
                      ("menunda", "penundaan/tertunda"), ("meluncurkan", "meluncurkan/diluncurkan"),
                      ("dirilis", "dirilis/perilisan")],
        "plural": [("perusahaan-perusahaan", "perusahaan"), ("model-model", "model-model"),
                   ("tantangan-tantangan", "tantangan"), ("pesaing-pesaing", "pesaingnya")],
        "unaccented": [],  # Indonesian is written without accents
        "names": [("Grok3", ""), ("grok3", "lowercase"), ("Grok 3", "with a space"), ("GPT-4", ""),
                  ("gpt4", "no hyphen"), ("xAI", ""), ("Elon Musk", ""), ("Musk", ""), ("Grok2.5", ""),
                  ("Claude3.5Opus", ""), ("H100", ""), ("100.000", ""), ("Lex Fridman", "")],
    },
}

def _front_matter(path: Path) -> dict[str, str]:
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        name, _, value = line.partition(":")
        meta[name.strip().lower()] = value.strip()
    return meta


SEED_SOURCE = "story-01."  # the imported seed story (../shared/seeds/story-01.a.txt, .b.txt)


def sample_queries(content: Path) -> list[Query]:
    """Queries over the sample content, about the seed story (each language's version of it is
    the relevant article; the other sample stories are there to be ranked below it)."""
    slugs = {}
    for path in sorted(content.rglob("*.md")):
        meta = _front_matter(path)
        if meta.get("source", "").startswith(SEED_SOURCE):
            slugs[meta["lang"]] = meta["slug"]
    queries = []
    for lang, kinds in SAMPLE.items():
        for kind, items in kinds.items():
            queries += [Query(kind, lang, text, slugs[lang], note) for text, note in items]
    return queries


# ---------------------------------------------------------------------------------------------
# The synthetic corpus (bench/corpus.py): real aligned pt/id sentences with per-story names.
#
# The corpus text is real news prose, so queries are picked from it rather than written by hand:
# which words are common, which names a story alone has and which sentences exist all depend on
# the archive generated. Every pick is deterministic for a corpus (its seed) and a query seed.

ANALYZER_FILE = ROOT / "plugins" / "search" / "analyzer.py"
WORD = re.compile(r"\w+")  # a whole word, as corpus.py counts words ("Flixwan-Chi" holds "Chi")
NAME = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")  # ASCII letters/digits: one analyzer token, typeable
DATELINE = re.compile(r"^[A-Z0-9 ]+, \d+ [^()]*\([^()]*\) - ")  # "CITY, 7 de março (AGENCY) - " of wire copy
STORIES_PER_LANGUAGE = 10  # known-item stories per language, one from each equal slice of the dates
MIN_NAME = 4  # shortest name used in a query: shorter ones (codes "E49") are prefixes of too much


@lru_cache(maxsize=None)
def _analyzer_module() -> ModuleType:
    """The project's analyzer.py on its own (the plugin package would import Pelican): the stop
    words and terms the index is built with."""
    spec = importlib.util.spec_from_file_location("bench_search_analyzer", ANALYZER_FILE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _analyzer(lang: str):
    return _analyzer_module().analyzer_for(lang)


def _is_stopword(word: str) -> bool:
    return any(_analyzer(lang).is_stopword(word.lower()) for lang in ("pt", "id"))


def _text(article) -> str:
    return article.title + "\n" + "\n".join(article.paragraphs)


def _lede(article) -> str:
    """The story's first paragraph without its dateline (the same wire prefix in every story)."""
    return DATELINE.sub("", article.paragraphs[0])


def _ascii_end(query: str) -> bool:
    """The last key is the one timed: an ASCII letter or digit, one key press on any keyboard."""
    return query[-1:].isascii() and query[-1:].isalnum()


@dataclass
class _Archive:
    """Who has which word, from one pass over the archive (lower-cased whole words).

    langs[lang][word]: stories whose `lang` article has the word; both[word]: [first story, stories]
    over both articles of a story; capital[word]: the stories where it is written capitalised (names,
    and sentence starts); lower: words also written in lower case somewhere (so not names); written:
    a capitalised word as first written."""
    stories: list
    langs: dict[str, Counter]
    both: dict[str, list[int]]
    capital: dict[str, list[int]]
    lower: set[str]
    written: dict[str, str]
    _terms: dict = field(default_factory=dict)

    def is_name(self, word: str) -> bool:
        """A word only ever written capitalised, ASCII letters/digits (one analyzer token), at least
        MIN_NAME long and no stop word: a name as a reader would type it."""
        word = word.lower()
        return (word in self.capital and word not in self.lower and len(word) >= MIN_NAME
                and bool(NAME.fullmatch(word)) and not _is_stopword(word))

    def names_of(self, n: int) -> list[str]:
        """Story n's names as written, tags first (its lede's names), then in order of appearance."""
        story = self.stories[n]
        found = list(story.pt.tags) + WORD.findall(_text(story.pt)) + WORD.findall(_text(story.id))
        pt, id_ = ({w.lower() for w in WORD.findall(_text(a))} for a in (story.pt, story.id))
        names = []
        for word in dict.fromkeys(found):
            key = word.lower()
            if key in pt and key in id_ and self.is_name(word):  # a tag the text lacks (padding) is no use
                names.append(self.written[key])
        return list(dict.fromkeys(names))

    def vocabulary(self) -> list[str]:
        """Every word of the archive (lower case), sorted: for prefix look-ups."""
        if not hasattr(self, "_vocabulary"):
            self._vocabulary = sorted(self.both)
        return self._vocabulary

    def terms(self, lang: str) -> list[tuple[str, str]]:
        """(analyzer term, word) of every word of the archive, sorted, for `lang`'s analyzer."""
        if lang not in self._terms:
            analyzer = _analyzer(lang)
            self._terms[lang] = sorted((analyzer.term(w) or "", w) for w in self.both)
        return self._terms[lang]

    def unique_names(self, n: int) -> list[str]:
        """Story n's names that no other story has (title or body, either language, any case)."""
        return [name for name in self.names_of(n) if self.both[name.lower()] == [n, 1]]


_ARCHIVES: dict[int, _Archive] = {}


def _archive(stories) -> _Archive:
    """The word statistics of `stories`, computed once per list (common_word, oldest_unique_name,
    latency_queries and corpus_queries all read them)."""
    known = _ARCHIVES.get(id(stories))
    if known is not None and known.stories is stories:
        return known
    langs = {"pt": Counter(), "id": Counter()}
    both: dict[str, list[int]] = {}
    capital: dict[str, list[int]] = defaultdict(list)
    lower: set[str] = set()
    written: dict[str, str] = {}
    for n, story in enumerate(stories):
        seen = set()
        for article in (story.pt, story.id):
            words = set(WORD.findall(_text(article)))
            lowered = {w.lower() for w in words}
            langs[article.lang].update(lowered)
            seen |= lowered
            for word in words:
                key = word.lower()
                if word[0].isupper():
                    if not capital[key] or capital[key][-1] != n:
                        capital[key].append(n)
                    written.setdefault(key, word)
                elif word[0].islower():
                    lower.add(key)
        for word in seen:
            entry = both.get(word)
            if entry is None:
                both[word] = [n, 1]
            else:
                entry[1] += 1
    archive = _Archive(stories, langs, both, dict(capital), lower, written)
    _ARCHIVES.clear()
    _ARCHIVES[id(stories)] = archive
    return archive


def _words_by_stories(stories, lang: str) -> list[tuple[str, int]]:
    """The words of `lang` a reader would search for, most stories first: letters only (no figures),
    three or more, no stop word of the language (the analyzer drops those)."""
    counts = _archive(stories).langs[lang]
    analyzer = _analyzer(lang)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(w, c) for w, c in ranked if w.isalpha() and len(w) >= 3 and not analyzer.is_stopword(w)]


def common_word(stories, lang: str) -> str:
    """The non-stop word in the most stories of `lang`: the largest posting list a one-word query
    meets (the "common word" row of the bytes figure). `story_count` gives its stories."""
    return _words_by_stories(stories, lang)[0][0]


def story_count(stories, word: str, lang: str | None = None) -> int:
    """Stories whose `lang` article (either article when None) has `word` as a whole word."""
    archive = _archive(stories)
    if lang:
        return archive.langs[lang][word.lower()]
    return archive.both.get(word.lower(), [0, 0])[1]


def _prefixed(ordered: list, prefix: str) -> list:
    """The entries of a sorted list of strings (or of tuples led by one) that begin with `prefix`."""
    found = []
    for entry in ordered[bisect.bisect_left(ordered, prefix if isinstance(ordered[0], str) else (prefix,)):]:
        key = entry if isinstance(entry, str) else entry[0]
        if not key.startswith(prefix):
            break
        found.append(entry)
    return found


def _begins_only_itself(archive: _Archive, name: str, n: int) -> bool:
    """No word of another story begins with `name`, as written or as its analyzer term in either
    edition: the engines match the last word typed as a prefix too, so only then does the query find
    story n alone."""
    word = name.lower()
    others = [w for w in _prefixed(archive.vocabulary(), word) if archive.both[w] != [n, 1]]
    for lang in ("pt", "id"):
        term = _analyzer(lang).term(word)
        others += [w for _, w in _prefixed(archive.terms(lang), term) if archive.both[w] != [n, 1]]
    return not others


def oldest_unique_name(stories) -> str:
    """A name only one story has, that story being the oldest possible: the "word only in the oldest
    story" row (document ids run oldest first: id 0 when the oldest story has such a name).

    The name is in both articles of the story (the query runs in both editions), occurs in no other
    story's title or body in either language (whole word, any case), is one analyzer token (ASCII
    letters/digits), no stop word, and begins no word of another story (the last word typed is
    matched as a prefix, and the row is about one story's postings)."""
    archive = _archive(stories)
    for n in range(len(stories)):
        for name in archive.unique_names(n):
            if _begins_only_itself(archive, name, n):
                return name
    raise ValueError("no story has a name of its own")


def _phrases(article, words: int) -> list[str]:
    """Runs of `words` consecutive lower-case words of one sentence of the article (no punctuation
    between them, no figure, no name), not ending in a stop word: phrases readers copy from news."""
    found = []
    for paragraph in article.paragraphs[:-1]:  # the last is mostly the byline, the same words everywhere
        tokens = DATELINE.sub("", paragraph).split()
        for start in range(len(tokens) - words + 1):
            run = tokens[start:start + words]
            if all(t.isalpha() and t.islower() for t in run) and not _is_stopword(run[-1]) \
                    and sum(not _is_stopword(t) for t in run) >= 2 and _ascii_end(run[-1]):
                found.append(" ".join(run))
    return found


def _lede_words(article) -> list[str]:
    """Words of the lede a reader might remember: lower case, letters only, four or more, no stop word."""
    return list(dict.fromkeys(w for w in WORD.findall(_lede(article))
                              if w.isalpha() and w.islower() and len(w) >= 4 and not _is_stopword(w)))


def _prefix(word: str, length: int) -> str:
    """The first `length` letters, shortened until the last is ASCII (it is the key pressed)."""
    cut = word[:length]
    while cut and not _ascii_end(cut):
        cut = cut[:-1]
    return cut


def latency_queries(stories, lang: str, seed: int = 5) -> list[str]:
    """~20 queries typed on a loaded search page of `lang`, as readers type them on this archive:
    common words (long result lists: every story or most), less common words, 2-3 word phrases of
    real sentences, names of random stories (their tags found in the text), a name and a word of its
    story, two names of one story, and half-typed words (prefixes). Each ends with an ASCII letter or
    digit: the last character is the keystroke measured."""
    archive = _archive(stories)
    rng = random.Random(seed)
    # words as written in running text (a name in 1% of the stories is a name query, not a word)
    by_count = [(w, c) for w, c in _words_by_stories(stories, lang) if w in archive.lower]
    ranked = [w for w, _ in by_count if _ascii_end(w)]
    # Rarer words: shorter posting lists, other partitions. The corpus's common vocabulary is that
    # of its aligned sources, so even its rarest word is in a few percent of the stories (a real
    # archive's rare words are names here): the middle and the end of the ranking, not a share.
    rarer = ranked[len(ranked) // 2:]
    total = len(stories)

    def story_with(test) -> int:
        for _ in range(1000):
            n = rng.randrange(total)
            if test(n):
                return n
        raise ValueError("no story fits")

    queries = [ranked[0], ranked[1], ranked[5], rarer[0], rarer[-1]]
    for words in (2, 2, 3):  # phrases from real sentences
        n = story_with(lambda n: _phrases(getattr(stories[n], lang), words))
        queries.append(rng.choice(_phrases(getattr(stories[n], lang), words)))
    for _ in range(4):  # a story's name, as a reader looks up someone or somewhere in the news
        n = story_with(lambda n: archive.names_of(n))
        queries.append(archive.names_of(n)[0])
    for _ in range(3):  # a name and a word of its story's lede
        n = story_with(lambda n: archive.names_of(n) and _lede_words(getattr(stories[n], lang)))
        queries.append(f"{archive.names_of(n)[0]} {rng.choice(_lede_words(getattr(stories[n], lang)))}")
    n = story_with(lambda n: len(archive.names_of(n)) >= 2)
    queries.append(" ".join(archive.names_of(n)[:2]))
    # half-typed words: of common and rarer words, and of a name (the query as the reader pauses);
    # a beginning at least two letters short of its word, and not a query already in the list
    def half_typed(words: list[str], length: int) -> str:
        return next(p for w in words if len(w) >= length + 2 and (p := _prefix(w, length)) not in queries)

    queries.append(half_typed(ranked[2:], 4))
    queries.append(half_typed(ranked[10:], 5))
    queries.append(half_typed(rarer[1:], 5))
    n = story_with(lambda n: archive.names_of(n))
    queries.append(half_typed(archive.names_of(n), 4))
    assert all(q and _ascii_end(q) for q in queries), queries
    return queries


def _pair_only_here(archive: _Archive, a: str, b: str, n: int) -> bool:
    """Names a and b are together (both written capitalised) in story n and in no other."""
    return set(archive.capital[a.lower()]) & set(archive.capital[b.lower()]) == {n}


def corpus_queries(stories, per_language: int = STORIES_PER_LANGUAGE, seed: int = 11) -> list[Query]:
    """Known-item queries over the corpus: one relevant story each, from stories spread over the
    whole date range (one per equal slice of the date-ordered stories, old stories included).

    Per story: a name no other story has ("names"); that name and a word of the story's lede in the
    edition searched ("exact": the other stories with the word rank below); two of the story's names
    that only this story has together, when it has such a pair ("names"), preferring names other
    stories have too, so that both words are needed. Word forms (inflected, plural, unaccented)
    are measured on real text and real reader queries by bench/realnews_search.py, not here."""
    archive = _archive(stories)
    rng = random.Random(seed)
    # stories with a name-like word of their own (checked in full, both articles, when chosen)
    eligible = sorted({first for word, (first, count) in archive.both.items() if count == 1 and archive.is_name(word)})
    queries = []
    for lang in ("pt", "id"):
        chosen = []
        for part in range(per_language):
            candidates = eligible[part * len(eligible) // per_language:(part + 1) * len(eligible) // per_language]
            rng.shuffle(candidates)
            found = next((n for n in candidates if archive.unique_names(n)), None)
            if found is not None:
                chosen.append(found)
        for n in chosen:
            article = getattr(stories[n], lang)
            name = archive.unique_names(n)[0]
            queries.append(Query("names", lang, name, article.slug, "a name only this story has"))
            words = _lede_words(article)
            if words:
                word = rng.choice(words)
                queries.append(Query("exact", lang, f"{name} {word}", article.slug, f"name + lede word {word!r}"))
            names = archive.names_of(n)
            shared = [x for x in names if archive.both[x.lower()][1] > 1]
            pairs = [(a, b) for i, a in enumerate(shared) for b in shared[i + 1:]]
            pairs += [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if (a, b) not in pairs]
            pair = next(((a, b) for a, b in pairs if _pair_only_here(archive, a, b, n)), None)
            if pair:
                queries.append(Query("names", lang, " ".join(pair), article.slug,
                                     "two names only this story has together"))
    return queries
