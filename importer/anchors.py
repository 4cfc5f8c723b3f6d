"""What survives translation: names, numbers, codes and dates, as keys that read the same in every language.

A translation renames little: people, places and organisations keep their names (adapted in
spelling: "Tóquio" / "Tokyo"), figures keep their value (written "1.234,5" or "1,234.5", "390 mil"
or "390.000"), and dates keep their day (written "5 de junho", "5 Juni", "(5/6)" or "Rabu").
Those become anchors, in the order the text first gives them: a translation tells its facts in
the same order as its original.

Keys: numbers as digits with a decimal point ("1.5", "100000"), codes of letters and digits
("g7", "covid19"), dates as "@MM-DD", weekdays as "%0" (Monday) to "%6", names as spelling keys
(importer.spelling). Ordinary words are no anchors: measured on real news, the loanwords two
languages share ("ekonomi", "global") say that two articles have a topic in common, not that one
translates the other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from .dates import month_names
from .headlines import HEADLINE_MAX_WORDS, looks_like_headline
from .spelling import spelling_key

TOKEN = re.compile(
    r"\d{1,2}/\d{1,2}(?:/\d{4}|/\d{2})?(?![\d/])"  # a day and month: "(5/6)", "15/05/2023"
    r"|\d{4}-\d{2}-\d{2}(?!\d)"  # an ISO date
    r"|[^\W_](?:[\w.,'’-]*[^\W_])?"  # a word, number or code, with inner dots, commas, hyphens
)
SENTENCES = re.compile(r"(?<=[.!?…:;\"”])\s+|\n+")
DIGIT = re.compile(r"\d")
NOT_WORD = re.compile(r"\W")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
TIME_OF_DAY = re.compile(r"(\d{1,2})h(\d{2})?")  # "7h17" is "07.17" or "7:17" elsewhere
FIGURE_WITH_UNIT = re.compile(r"(\d+(?:[.,]\d+)*)[^\W\d_]+")  # "78kg", "1.5ºC"
# Words for powers of ten after a figure: "390 mil" is "390.000", "180 milhões" is "180 juta".
SCALES = {
    "mil": 3, "ribu": 3, "thousand": 3,
    "milhão": 6, "milhões": 6, "milhao": 6, "milhoes": 6, "juta": 6, "million": 6, "millions": 6,
    "bilhão": 9, "bilhões": 9, "bilhao": 9, "bilhoes": 9, "miliar": 9, "billion": 9, "billions": 9,
    "trilhão": 12, "trilhões": 12, "trilhao": 12, "trilhoes": 12, "triliun": 12, "trillion": 12,
}
# In a line where this share of the words is capitalised (a Title Case headline, "Hujan Deras di
# Kyushu Dapat Sebabkan Tanah Longsor"), a capital says nothing about a word being a name.
TITLE_CASE_SHARE = 0.7


def is_name_key(key: str) -> bool:
    """A name's key (letters only), as opposed to a number, code, date or weekday."""
    return key.isalpha()


@lru_cache(maxsize=None)
def weekday_names(locales: tuple[str, ...]) -> dict[str, int]:
    """Lower-case full weekday name -> 0 (Monday) to 6, in all `locales` (CLDR through Babel)."""
    names = {}
    for locale in locales:
        days = Locale.parse(locale).days
        for context in ("format", "stand-alone"):
            for number, name in days[context]["wide"].items():
                names[name.lower()] = number
    return names


def number_key(figure: str, scale: int = 0) -> str:
    """A figure as digits, whatever its grouping: "1.234,5" and "1,234.5" -> "1234.5", "100.000" -> "100000".

    A separator followed by exactly three digits groups thousands, any other is the decimal point
    ("1,20" and "1.20" -> "1.2"). `scale` multiplies by 10**scale ("1,6" trilhão -> "1600000000000").
    """
    parts = re.split(r"[.,]", figure)
    if len(parts) == 1 or all(len(part) == 3 for part in parts[1:]):
        whole, fraction = "".join(parts), ""
    else:
        whole, fraction = "".join(parts[:-1]), parts[-1]
    if scale:
        fraction = fraction.ljust(scale, "0")
        whole, fraction = whole + fraction[:scale], fraction[scale:]
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _scale_after(tokens: list[str], position: int) -> int:
    """The power of ten written after the figure at `position`: "20 mil" 3, "3 mil milhões" 9."""
    following = [token.lower() for token in tokens[position + 1:position + 3]]
    scale = SCALES.get(following[0], 0) if following else 0
    if scale == 3 and len(following) > 1 and SCALES.get(following[1], 0) > 3:
        scale += SCALES[following[1]]
    return scale


def _date_key(month: int, day: int) -> list[str]:
    return [f"@{month:02d}-{day:02d}"] if 1 <= month <= 12 and 1 <= day <= 31 else []


def _anchors_with_digits(tokens: list[str], position: int, months: dict[str, int]) -> list[str]:
    """The anchors of a token with digits: a number, a date, a time of day or a code."""
    token = tokens[position]
    if "/" in token:  # "(5/6)", "15/05/2023": the day (Portuguese often writes only "(5)"), date, year
        day, month, *year = (int(part) for part in token.split("/"))
        return [str(day), *_date_key(month, day), *(str(y) for y in year if y >= 1000)]
    iso = ISO_DATE.fullmatch(token)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return [str(year), *_date_key(month, day)]
    time = TIME_OF_DAY.fullmatch(token.lower())
    if time:
        return [f"{int(time.group(1))}.{time.group(2)}" if time.group(2) else str(int(time.group(1)))]
    figure = FIGURE.fullmatch(token) or FIGURE_WITH_UNIT.fullmatch(token)
    if not figure:  # letters before or between digits: a code ("G7", "COVID-19", "H2A")
        return [NOT_WORD.sub("", token.lower())]
    figure = figure.group(1) if figure.re is FIGURE_WITH_UNIT else figure.group(0)
    found = [number_key(figure, _scale_after(tokens, position))]
    if len(figure) <= 2 and figure.isdecimal():  # "2 de janeiro", "2 Januari", "January 2"
        after = tokens[position + 1:position + 3]
        if after and after[0].lower() == "de":
            after = after[1:]
        month = (months.get(after[0].lower().rstrip(".")) if after else None) or (
            months.get(tokens[position - 1].lower().rstrip(".")) if position else None)
        if month:
            found += _date_key(month, int(figure))
    return found


@lru_cache(maxsize=200_000)
def _name_keys(token: str) -> tuple[str, ...]:
    """Spelling keys of a name's hyphen-joined parts ("Ramos-Horta" -> ("ram", "hort"))."""
    parts = token.lower().replace("’", "").replace("'", "").split("-")
    return tuple(spelling_key(part) for part in parts if len(part) >= 2 and part.isalpha())


def _capitals(tokens: list[str]) -> tuple[bool, bool]:
    """(Title Case, all in capitals) for a line: there, every word is capitalised, name or not.

    Only a headline is written so, and a headline is short; running text never is."""
    if len(tokens) > 2 * HEADLINE_MAX_WORDS:
        return False, False
    words = [token for token in tokens if not DIGIT.search(token)]
    if not 3 <= len(words) <= HEADLINE_MAX_WORDS:
        return False, False
    title_case = sum(not word[0].islower() for word in words) >= TITLE_CASE_SHARE * len(words)
    return title_case, title_case and all(word.isupper() for word in words)


def _anchors_in_order(text: str, locales: tuple[str, ...]) -> dict[str, None]:
    """The anchors of `text`, as an ordered set (the order they first appear in)."""
    months = month_names(locales)
    weekdays = weekday_names(locales)
    found: dict[str, None] = {}
    for sentence in SENTENCES.split(text):
        tokens = TOKEN.findall(sentence)
        capitals = None  # (Title Case, all capitals), worked out at the first capitalised word
        for position, token in enumerate(tokens):
            if token.islower() and token.isalpha():  # ordinary words: most tokens, so the cheapest test first
                if token in weekdays:
                    found[f"%{weekdays[token]}"] = None
                continue
            if DIGIT.search(token):
                found.update(dict.fromkeys(_anchors_with_digits(tokens, position, months)))
                continue
            lower = token.lower()
            if lower in weekdays:  # "sexta-feira", "Jumat": the same day, whatever the language
                found[f"%{weekdays[lower]}"] = None
                continue
            inner_capitals = token[1:] != token[1:].lower()  # "OpenAI", "KTT", "UNICEF"
            if token.islower() or (position == 0 and not inner_capitals) or lower.rstrip(".") in months:
                continue  # an opening capital is grammar
            if capitals is None:
                capitals = _capitals(tokens)
            title_case, all_capitals = capitals
            # A Title Case line's capitals say nothing either; inner capitals are a name's anywhere but
            # in a line all in capitals.
            if not all_capitals and (inner_capitals or not title_case):
                found.update(dict.fromkeys(_name_keys(token)))
    return found


def extract_anchors(text: str, locales: tuple[str, ...]) -> tuple[str, ...]:
    """Anchors of `text` (numbers, codes, dates, weekdays, names) in the order the text gives them.

    A capitalised word that opens a sentence is grammar, not a name, unless it has inner capitals
    or digits ("OpenAI", "Grok3"); so is every word of a Title Case line but acronyms, and every
    word of a line in capitals. Month names are part of dates, not names. A first line that reads
    as a headline is each desk's own wording: its anchors count, but come after the body's.
    """
    first, _, rest = text.partition("\n")
    if rest.strip() and looks_like_headline(first.strip()):
        found = _anchors_in_order(rest, locales)
        found.update(_anchors_in_order(first, locales))
    else:
        found = _anchors_in_order(text, locales)
    return tuple(found)
