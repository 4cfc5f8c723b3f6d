"""Synthetic bilingual corpus for benchmarks: N story pairs shaped like the seed articles.

Each pair takes the seed story's aligned paragraphs (pt and id say the same thing paragraph by
paragraph), in a story-specific order and selection, and replaces the names and numbers that
survive translation (product, company, person, year, figures) with story-specific ones, so each
pair shares its entities and differs from every other pair. The generator knows which articles
are translations of each other (`StoryPair.key`), which later benchmarks use as ground truth.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "tests" / "importing" / "samples" / "seeds"  # the seed story
SEED_FILES = {"pt": "story-01.a.txt", "id": "story-01.b.txt"}

SYLLABLES = ["ka", "ro", "mi", "ten", "vo", "lu", "sa", "dri", "po", "ne", "zar", "qui", "bel", "tor", "an", "ve"]
FIRST_NAMES = ["Ana", "Budi", "Carla", "Dewi", "Eduardo", "Fitri", "Gustavo", "Hendra", "Isabel", "Joko",
               "Larissa", "Made", "Nuno", "Putri", "Rafael", "Sari", "Tiago", "Wayan", "Yuri", "Zahra"]
CATEGORIES = [("Tecnologia", "Teknologi"), ("Economia", "Ekonomi"), ("Ciência", "Sains"),
              ("Negócios", "Bisnis"), ("Mundo", "Dunia")]
HEADLINES = {
    "pt": ["{product}, da {company}, atrasa e preocupa o setor em {year}",
           "{person} admite atraso do {product} e cita limites do treinamento",
           "Atraso do {product} expõe gargalos da {company} em {year}"],
    "id": ["{product} dari {company} tertunda dan mengkhawatirkan industri pada {year}",
           "{person} mengakui penundaan {product} dan menyebut batas pelatihan",
           "Penundaan {product} ungkap hambatan {company} pada {year}"],
}


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


def seed_paragraphs() -> dict[str, list[str]]:
    return {
        lang: [p.strip() for p in (SEEDS / name).read_text(encoding="utf-8").splitlines() if p.strip()]
        for lang, name in SEED_FILES.items()
    }


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _entities(rng: random.Random, n: int) -> dict[str, str]:
    product = _word(rng, 2).capitalize() + str(rng.randint(2, 9))
    last = _word(rng, 3).capitalize()
    return {
        "Grok 3": product, "Grok3": product, "Grok2.5": product + ".5",
        "xAI": _word(rng, 2).capitalize() + "Labs",
        "Elon Musk": f"{rng.choice(FIRST_NAMES)} {last}", "Musk": last,
        "100.000": f"{rng.randint(10, 900)}.000", "H100": f"H{rng.randint(10, 99)}{n % 10}",
    }


def _substitute(text: str, entities: dict[str, str]) -> str:
    for old in sorted(entities, key=len, reverse=True):  # "Grok 3" before "Grok3", "Elon Musk" before "Musk"
        text = text.replace(old, entities[old])
    return text


def generate(pairs: int, seed: int = 2025) -> list[StoryPair]:
    """`pairs` story pairs dated over the past years, newest last; deterministic for a seed."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    count = len(paragraphs["pt"])
    start = datetime(2015, 1, 1, 6, 0)
    step = timedelta(days=(10 * 365) / max(pairs, 1))
    stories = []
    for n in range(pairs):
        entities = _entities(rng, n)
        year = str(2015 + (n * 10) // max(pairs, 1))
        entities["2024"] = year
        order = [0] + rng.sample(range(1, count), count - 1)  # lede first, rest shuffled
        date = start + step * n + timedelta(minutes=rng.randint(0, 600))
        headline = rng.randrange(len(HEADLINES["pt"]))
        category = rng.choice(CATEGORIES)
        fields = {"product": entities["Grok3"], "company": entities["xAI"], "person": entities["Elon Musk"],
                  "year": year}
        articles = {}
        for i, lang in enumerate(("pt", "id")):
            articles[lang] = Article(
                lang=lang,
                slug=f"{lang}-story-{n:05d}",
                title=HEADLINES[lang][headline].format(**fields),
                date=date,
                category=category[i],
                tags=[entities["Grok3"], entities["xAI"], entities["Elon Musk"]],
                paragraphs=[_substitute(paragraphs[lang][k], entities) for k in order],
            )
        stories.append(StoryPair(key=f"story-{n:05d}", **articles))
    return stories


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
