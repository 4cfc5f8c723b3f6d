"""Synthetic bilingual archive for benchmarks: N story pairs that behave like a real news archive.

Why: search and pairing costs depend on how the vocabulary grows with the archive. A real archive
keeps meeting new words (mostly names and numbers) at a falling rate, distinct words ~ 30·√tokens
(Heaps' law; the real excerpts of ../shared/realnews are at 0.95 of that). A corpus recombining one
story stops growing at a few thousand words and hides the cost of a large archive.

How:
1. Aligned material. The true translation pairs of ../shared/realnews (pairs.jsonl, texts in
   corpus.jsonl) are read at run time, never copied into the repository. Each pair's paragraphs,
   then each kept paragraph's sentences, are aligned by dynamic programming on length ratio and
   shared anchors (numbers, names present on both sides); only plausible alignments are kept, so
   a pt paragraph and its id counterpart say the same thing. The unpaired excerpts are not used:
   their "translation" would not correspond.
2. Slots. In the aligned text, names written the same in both languages (Kishida, Kyushu, UNICEF,
   G7) and every number become slots; a story fills them once and uses the fill in both languages,
   like a translation shares its names and figures. Years move with the story's date.
3. Growth. Each name slot draws from a Pitman-Yor process: a new syllable-built name with
   probability (THETA + D·K) / (THETA + draws), else a name already used, in proportion to its use.
   New names therefore arrive at a rate falling like 1/√draws: distinct words grow like √tokens,
   and popular names recur across stories as in a real archive. Numbers are redrawn per story.
   Most stories also get a dateline (city, agency) and a closing byline (reporter, place, editor),
   drawn the same way: wire copy has them, and they add the per-story names that the few aligned
   sources (about 60 sentence or paragraph units) cannot.
4. Stories. A story takes one source pair's aligned paragraphs (lede first, others kept at random,
   sometimes swapped, sometimes a sentence dropped), then background paragraphs of other pairs up
   to a length drawn around STORY_WORDS (real articles are longer than the excerpts). Its title is
   the real headline with the story's fills (when the headline has a slot in both languages), else
   the start of its lede; its tags are its first three names.
   Dates span ten years, several stories a day, some at exactly the same minute.

Limits: the common vocabulary is only that of the aligned units (~700 words a language), so small
archives fall short of a real one (about half of 30·√tokens at 100 pairs, 0.7-0.8 at 1,000, then
1.0-1.2 at 10,000-50,000 pairs); THETA is set for that range.

The generator knows which articles are translations of each other (`StoryPair.key`), which the
pairing benchmarks use as ground truth. `python bench/corpus.py --stats` prints the Heaps figures,
generation time and peak memory; `iter_stories` yields the stories without holding the archive.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = [("Tecnologia", "Teknologi"), ("Economia", "Ekonomi"), ("Ciência", "Sains"),
              ("Negócios", "Bisnis"), ("Mundo", "Dunia")]
THETA, D = 6500.0, 0.5  # Pitman-Yor concentration (new names early on) and discount (the Heaps exponent)
STORY_WORDS = 300  # median length of a story's pt text, in words (real articles: a few hundred)
WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘(]?[A-ZÀ-Ý0-9])")
ONSETS = ["", "", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "y", "z",
          "br", "dr", "kr", "tr", "pr", "gr", "st", "ch", "sh", "ng", "ny", "kh", "bl", "fl", "sw"]
VOWELS = ["a", "e", "i", "o", "u"] * 3 + ["ai", "au", "ia", "io", "ei", "ou", "ua"]
CODAS = ["n", "r", "s", "m", "l", "k", "t", "ng", "sh", "x"]
MONTHS = {"pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(),
          "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()}
ENDINGS = ["ra", "wati", "wan", "moto", "shima", "eira", "son", "ski", "ova", "ito", "ez", "ani", "ana", "ul", "ing"]


def realnews_folder() -> Path:
    """../shared/realnews, read in place: REALNEWS_DIR if set, else beside the repository, else the
    workplace's shared folder (the lookup of tests/support.py)."""
    candidates = [os.environ.get("REALNEWS_DIR"), ROOT.parent / "shared" / "realnews", "/work/shared/realnews"]
    found = [Path(c) for c in candidates if c and (Path(c) / "corpus.jsonl").is_file()]
    if not found:
        raise FileNotFoundError("bench/corpus.py needs ../shared/realnews (corpus.jsonl, pairs.jsonl): "
                                "clone it beside the repository or set REALNEWS_DIR")
    return found[0]


@dataclass(frozen=True)
class Article:
    lang: str
    slug: str
    title: str
    date: datetime
    category: str
    tags: list[str]
    paragraphs: list[str]

    def markdown(self, key: str | None) -> str:
        meta = [f"Title: {self.title}", f"Date: {self.date:%Y-%m-%d %H:%M}", f"Lang: {self.lang}",
                f"Slug: {self.slug}", f"Category: {self.category}", f"Tags: {', '.join(self.tags)}",
                f"Summary: {self.paragraphs[0]}"]
        if key:
            meta.insert(3, f"Translation_Key: {key}")
        return "\n".join(meta) + "\n\n" + "\n\n".join(self.paragraphs) + "\n"


@dataclass(frozen=True)
class StoryPair:
    key: str
    pt: Article
    id: Article


# --- 1. aligned material ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """One true pair, ready to fill: paragraphs of aligned units, a unit being (pt template, id template).

    A template is a tuple of literal strings and slots: ("n", name key, as written) or ("d", number,
    width if zero-padded else 0, offset from the pair's year for a year else None)."""
    titles: tuple | None
    paragraphs: tuple
    words: tuple  # words of each paragraph (pt)


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _judge(a: str, b: str, ratio: float, names: set[str]) -> tuple[float, str | None]:
    """(cost, verdict) of aligning text a (pt) with text b (id), verdict "anchored", "bare" or None.

    Names are written alike in both languages, so both sides must name the same ones; numbers may
    differ only by extras on one side (an Indonesian date in parentheses); with no shared anchor
    ("bare") only the length ratio speaks for the alignment, so it must be close."""
    skew = abs(math.log((len(b) + 1) / (len(a) + 1) / ratio))
    sides = [[w.lower() for w in WORD.findall(text) if w.lower() in names] for text in (a, b)]
    names_a, names_b = set(sides[0]), set(sides[1])
    nums_a, nums_b = ({int(d) for d in re.findall(r"\d+", text)} for text in (a, b))
    union = names_a | names_b | nums_a | nums_b
    overlap = len((names_a & names_b) | (nums_a & nums_b)) / len(union) if union else 0.0
    cost = 2 * skew + (2 * (1 - overlap) if union else 1.0)
    if names_a != names_b or not (nums_a <= nums_b or nums_b <= nums_a):
        return cost, None
    if names_a or nums_a & nums_b:
        return cost, "anchored" if skew < 0.55 else None
    return cost, "bare" if skew < 0.3 else None


def _align(a: list[str], b: list[str], ratio: float, names: set[str]) -> list[tuple[str, str, str | None]]:
    """Best sequence of 1-1, 1-2, 2-1 beads and skips (Gale-Church style): [(pt, id, verdict)]."""
    skip, moves = 1.2, ((1, 1, 0.0), (1, 2, 0.3), (2, 1, 0.3), (1, 0, None), (0, 1, None))
    best = {(0, 0): (0.0, None)}
    for i in range(len(a) + 1):
        for j in range(len(b) + 1):
            if (i, j) not in best:
                continue
            here = best[(i, j)][0]
            for di, dj, extra in moves:
                if i + di > len(a) or j + dj > len(b):
                    continue
                if extra is None:
                    cost, bead = skip, None
                else:
                    pt, id_ = " ".join(a[i:i + di]), " ".join(b[j:j + dj])
                    cost, verdict = _judge(pt, id_, ratio, names)
                    cost, bead = cost + extra, (pt, id_, verdict)
                if (i + di, j + dj) not in best or here + cost < best[(i + di, j + dj)][0]:
                    best[(i + di, j + dj)] = (here + cost, (i, j, bead))
    beads, at = [], (len(a), len(b))
    while at != (0, 0):
        i, j, bead = best[at][1]
        beads.append(bead or ("", "", None))
        at = (i, j)
    return beads[::-1]


def _template(text: str, names: set[str], year: int) -> tuple[tuple[str, ...], tuple]:
    """Text cut into literals and the slots between them: shared names, and numbers (years as
    offsets from `year`); digits inside a word are numbers too ("7h17" and "07.17" are one time)."""
    literals, slots, last = [], [], 0
    for match in WORD.finditer(text):
        word = match.group()
        if word.lower() in names:
            literals.append(text[last:match.start()])
            slots.append(("n", word.lower(), word))
            last = match.end()
            continue
        for digits in re.finditer(r"\d+", word):
            value, start = int(digits.group()), match.start() + digits.start()
            is_year = 1800 <= value <= 2099 and len(digits.group()) == 4
            width = len(digits.group()) if digits.group().startswith("0") else 0  # "07" stays two digits
            literals.append(text[last:start])
            slots.append(("d", value, width, value - year if is_year else None))
            last = start + len(digits.group())
    literals.append(text[last:])
    return tuple(literals), tuple(slots)


@lru_cache(maxsize=1)
def sources() -> tuple[tuple[Source, ...], frozenset[str]]:
    """The aligned sources of ../shared/realnews, and every word seen lower-case there (common words)."""
    folder = realnews_folder()
    docs = {d["id"]: d for d in _read_jsonl(folder / "corpus.jsonl")}
    common = frozenset(w for d in docs.values() for w in WORD.findall(d["text"]) if w.islower())
    found = []
    for pair in _read_jsonl(folder / "pairs.jsonl"):
        pt, id_ = docs[pair["pt"]], docs[pair["id"]]
        words = [{w.lower() for w in WORD.findall((d["title"] or "") + " " + d["text"]) if not w.islower()}
                 for d in (pt, id_)]
        # a name is a capitalised word both versions write alike and neither language writes in lower case
        names = {w for w in words[0] & words[1] if len(w) > 1 and not w.isdigit() and w not in common}
        # the pair's year, which a story's date replaces: its date, else the latest year its text names
        years = [int(d["date"][:4]) for d in (pt, id_) if d["date"]] or sorted(
            (int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", pt["text"] + id_["text"])), reverse=True) or [2020]
        year = years[0]
        ratio = len(id_["text"]) / len(pt["text"])
        beads = _align(*[[p for p in d["text"].splitlines() if len(p.split()) >= 4] for d in (pt, id_)],
                       ratio, names)
        paragraphs, sizes = [], []
        for k, (a, b, verdict) in enumerate(beads):
            # a bare bead of a near-full pair could be an extra paragraph each side: kept between anchors only
            around = [beads[k + step][2] if 0 <= k + step < len(beads) else None for step in (-1, 1)]
            if verdict is None or verdict == "bare" and pair["kind"] != "full" and around != ["anchored"] * 2:
                continue
            sentences = _align(SENTENCE_END.split(a), SENTENCE_END.split(b), ratio, names)
            units = [(x, y) for x, y, _ in sentences] if all(v for _, _, v in sentences) else [(a, b)]
            paragraphs.append(tuple((_template(x, names, year), _template(y, names, year)) for x, y in units))
            sizes.append(len(WORD.findall(a)))
        titles = None
        if pt["title"] and id_["title"]:
            titles = (_template(pt["title"], names, year), _template(id_["title"], names, year))
            if not all(slots for _, slots in titles):
                titles = None  # a headline without a slot would be the same in every story
        if len(paragraphs) >= 2:
            found.append(Source(titles, tuple(paragraphs), tuple(sizes)))
    return tuple(found), common


# --- 2-3. filling the slots -------------------------------------------------------------------------

class Names:
    """Generated names drawn by one Pitman-Yor process, reused within their shape (word, acronym,
    code with digits): a new name with probability (THETA + D·distinct) / (THETA + draws)."""

    def __init__(self, rng: random.Random, common: frozenset[str]):
        self.rng, self.common = rng, common
        self.draws: dict[str, list[str]] = {}  # shape -> every draw, so reuse follows popularity
        self.taken: set[str] = set()  # every name made, lower-case
        self.count = 0

    def draw(self, shape: str) -> str:
        draws = self.draws.setdefault(shape, [])
        if not draws or self.rng.random() * (THETA + self.count) < THETA + D * len(self.taken):
            name = self._new(shape)
        else:
            name = draws[int(self.rng.random() * len(draws))]
        draws.append(name)
        self.count += 1
        return name

    def _new(self, shape: str) -> str:
        rng = self.rng
        while True:
            if shape == "acronym":
                name = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWYZ") for _ in range(rng.randint(2, 5)))
            elif shape == "code":
                letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTVXZ") for _ in range(rng.randint(1, 2)))
                name = letters + str(rng.randint(1, 999))
            else:  # 1-3 syllables, a closed one now and then, sometimes a name-like ending: many shapes
                syllables = rng.choice((1, 2, 2, 2, 3, 3))
                parts = [rng.choice(ONSETS) + rng.choice(VOWELS) + (rng.choice(CODAS) if rng.random() < 0.3 else "")
                         for _ in range(syllables)]
                name = ("".join(parts) + (rng.choice(ENDINGS) if rng.random() < 0.25 else "")).capitalize()
            if len(name) > 2 and name.lower() not in self.common and name.lower() not in self.taken:
                self.taken.add(name.lower())  # never a common word, never two shapes for one word
                return name


def _shape(written: str) -> str:
    if any(c.isdigit() for c in written):
        return "code"
    return "acronym" if written.isupper() else "word"


def _number(rng: random.Random, value: int) -> int:
    """A story's figure for a source figure: same size class, so times, percentages and counts stay plausible."""
    if value <= 1:
        return value
    for top, low, high in ((12, 2, 12), (31, 10, 31), (59, 10, 59)):  # months, days, minutes
        if value <= top:
            return rng.randint(low, high)
    digits = len(str(value))
    return rng.randint(10 ** (digits - 1), 10 ** digits - 1)


class Fill:
    """One story's fills: the same name and figure wherever a slot recurs, in both languages."""

    def __init__(self, rng: random.Random, names: Names, year: int):
        self.rng, self.names, self.year = rng, names, year
        self.written: dict[tuple, str] = {}  # slot -> its text in this story
        self.names_used: dict[str, str] = {}  # name key -> this story's name, in order of first use
        self.numbers: dict[int, int] = {}  # source number -> this story's

    def render(self, template: tuple) -> str:
        literals, slots = template
        if not slots:
            return literals[0]
        out = [literals[0]]
        for slot, literal in zip(slots, literals[1:]):
            out += [self.written.get(slot) or self._write(slot), literal]
        return "".join(out)

    def _write(self, slot: tuple) -> str:
        if slot[0] == "n":
            _, key, written = slot
            if key not in self.names_used:
                self.names_used[key] = self.names.draw(_shape(written))
            text = self.names_used[key].upper() if written.isupper() and len(written) > 1 else self.names_used[key]
        else:
            _, value, width, offset = slot
            if offset is not None:
                text = str(self.year + offset)
            else:
                if value not in self.numbers:
                    self.numbers[value] = _number(self.rng, value)
                text = str(self.numbers[value]).zfill(width)
        self.written[slot] = text
        return text


# --- 4. stories --------------------------------------------------------------------------------------

def _dates(rng: random.Random, pairs: int) -> list[datetime]:
    """Ten years of publishing days, ~3 stories a day or more, on a 5-minute grid; 3% share the
    previous story's minute exactly (a batch published at once). Oldest first."""
    days = max(1, min(3650, pairs // 3))
    start = datetime(2015, 1, 1)
    slots = sorted((rng.randrange(days) * 3650 // days, rng.randrange(72, 264)) for _ in range(pairs))
    dates = []
    for day, five_minutes in slots:
        date = start + timedelta(days=day, minutes=5 * five_minutes)
        dates.append(dates[-1] if dates and rng.random() < 0.03 and dates[-1].date() == date.date() else date)
    return dates


def _headline(text: str) -> str:
    """A title from a lede sentence: the whole sentence if short, else up to a comma or 12 words."""
    words = text.rstrip(".").split()
    if len(words) <= 14:
        return " ".join(words)
    for n in range(6, 15):
        if words[n - 1].endswith(","):
            return " ".join(words[:n]).rstrip(",")
    return " ".join(words[:12]).rstrip(",;:")


def _body(rng: random.Random, pool: tuple[Source, ...], source: Source) -> list[tuple]:
    """The story's paragraphs (each a list of aligned units): lede first, others at random, then
    background paragraphs of other stories up to a story length that varies like real articles'."""
    kept = [0] + [k for k in range(1, len(source.paragraphs)) if rng.random() < 0.8]
    paragraphs = [list(source.paragraphs[k]) for k in kept]
    words, length = sum(source.words[k] for k in kept), rng.lognormvariate(math.log(STORY_WORDS), 0.4)
    for _ in range(8):
        if words >= length and len(paragraphs) >= 3:
            break
        other = rng.choice(pool)
        k = rng.randrange(1, len(other.paragraphs))
        if other is not source:  # never a paragraph twice
            pool = tuple(p for p in pool if p is not other)
            paragraphs.insert(rng.randint(1, len(paragraphs)), list(other.paragraphs[k]))
            words += other.words[k]
    if len(paragraphs) > 2 and rng.random() < 0.5:
        k = rng.randrange(1, len(paragraphs) - 1)
        paragraphs[k], paragraphs[k + 1] = paragraphs[k + 1], paragraphs[k]
    for units in paragraphs:
        if len(units) > 2 and rng.random() < 0.3:
            del units[rng.randrange(1, len(units))]
    return paragraphs


def iter_stories(pairs: int, seed: int = 2025):
    """The story pairs of `generate`, one at a time (for measuring without holding the archive)."""
    pool, common = sources()
    rng = random.Random(seed)
    names = Names(rng, common)
    for n, date in enumerate(_dates(rng, pairs)):
        source = rng.choice(pool)
        fill = Fill(rng, names, date.year)
        paragraphs = _body(rng, pool, source)
        texts = {lang: [" ".join(fill.render(unit[i]) for unit in units) for units in paragraphs]
                 for i, lang in enumerate(("pt", "id"))}
        if rng.random() < 0.85 and not texts["pt"][0].split()[0].isupper():  # a dateline, as wire copy has
            city, agency = names.draw("word").upper(), names.draw("acronym")
            texts["pt"][0] = f"{city}, {date.day} de {MONTHS['pt'][date.month - 1]} ({agency}) - {texts['pt'][0]}"
            texts["id"][0] = f"{city}, {date.day} {MONTHS['id'][date.month - 1]} ({agency}) - {texts['id'][0]}"
        if rng.random() < 0.85:  # reporter, place and editor, named alike in both editions
            reporter, place, editor = (" ".join(names.draw("word") for _ in range(k)) for k in (2, 1, 2))
            texts["pt"].append(f"Reportagem de {reporter}, em {place}; edição de {editor}.")
            texts["id"].append(f"Dilaporkan oleh {reporter} dari {place}; penyunting {editor}.")
        if source.titles and rng.random() < 0.6:
            titles = [fill.render(t) for t in source.titles]
        else:
            titles = [_headline(fill.render(paragraphs[0][0][i])) for i in (0, 1)]
        tags = list(dict.fromkeys(fill.names_used.values()))[:3]  # the lede's names first, as news is written
        while len(tags) < 3:
            tags.append(names.draw("word"))
        category = rng.choice(CATEGORIES)
        articles = {lang: Article(lang=lang, slug=f"{lang}-story-{n:05d}", title=titles[i], date=date,
                                  category=category[i], tags=tags, paragraphs=texts[lang])
                    for i, lang in enumerate(("pt", "id"))}
        yield StoryPair(key=f"story-{n:05d}", **articles)


def generate(pairs: int, seed: int = 2025) -> list[StoryPair]:
    """`pairs` story pairs dated over ten years, oldest first; deterministic for a seed."""
    return list(iter_stories(pairs, seed))


def write_markdown(stories: list[StoryPair], content: Path, with_keys: bool = True) -> int:
    """Write every article as content/<lang>/<slug>.md; returns the number of files written."""
    written = 0
    for story in stories:
        for article in (story.pt, story.id):
            path = content / article.lang / f"{article.slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article.markdown(story.key if with_keys else None), encoding="utf-8")
            written += 1
    return written


def write_raw(stories: list[StoryPair], folder: Path, seed: int = 7) -> dict[str, str]:
    """Every article as unlabelled raw text (headline, blank line, paragraphs) under a random name.

    Returns {file name: story key}: the truth the pairing is measured against.
    """
    rng = random.Random(seed)
    articles = [(story.key, article) for story in stories for article in (story.pt, story.id)]
    rng.shuffle(articles)
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    for number, (key, article) in enumerate(articles):
        name = f"{rng.getrandbits(40):010x}-{number}.txt"
        (folder / name).write_text(article.title + "\n\n" + "\n\n".join(article.paragraphs) + "\n", encoding="utf-8")
        truth[name] = key
    return truth


def heaps(pairs: int, seed: int = 2025) -> dict[str, tuple[int, int]]:
    """{lang: (tokens, distinct words)} of the archive, words being lower-cased \\w+ runs."""
    counts = {"pt": [0, set()], "id": [0, set()]}
    for story in iter_stories(pairs, seed):
        for article in (story.pt, story.id):
            words = WORD.findall((article.title + " " + " ".join(article.paragraphs)).lower())
            counts[article.lang][0] += len(words)
            counts[article.lang][1].update(words)
    return {lang: (tokens, len(distinct)) for lang, (tokens, distinct) in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description="Synthetic archive: vocabulary growth and generation cost.")
    parser.add_argument("--stats", action="store_true", help="distinct words vs tokens (Heaps' law) per size")
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    if not args.stats:
        parser.print_help()
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{len(sources()[0])} aligned source pairs from {realnews_folder()}")
    print(f"{'pairs':>7} {'lang':>4} {'tokens':>11} {'distinct':>9} {'30·√tokens':>11} {'ratio':>6}")
    for pairs in sizes:
        for lang, (tokens, distinct) in heaps(pairs, args.seed).items():
            target = 30 * math.sqrt(tokens)
            print(f"{pairs:>7,} {lang:>4} {tokens:>11,} {distinct:>9,} {target:>11,.0f} {distinct / target:>6.2f}")
    started = time.perf_counter()
    stories = generate(max(sizes), args.seed)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"generate({len(stories):,}): {seconds:.1f} s; peak memory of this process {peak:.0f} MB")


if __name__ == "__main__":
    main()
