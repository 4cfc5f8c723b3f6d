"""What survives translation: names, numbers, acronyms and dates, as language-neutral tokens."""

from __future__ import annotations

import re

from .dates import month_names

TOKEN = re.compile(r"[^\W_](?:[\w.,'’-]*[^\W_])?")
SENTENCES = re.compile(r"(?<=[.!?…:;\"”])\s+|\n+")
DIGIT = re.compile(r"\d")
NOT_WORD = re.compile(r"\W")


def _month(token: str | None, months: dict[str, int]) -> int | None:
    return months.get(token.lower().rstrip(".")) if token else None


def extract_anchors(text: str, locales: tuple[str, ...]) -> frozenset[str]:
    """Numbers ("100.000" -> "100000"), names and acronyms ("xAI", "GPT-4" -> "gpt4"), "@MM-DD" dates.

    A capitalised word that opens a sentence is grammar, not a name, unless it has inner capitals
    or digits ("OpenAI", "Grok3"). Month names are not names: with a day number next to them
    ("2 de janeiro", "2 Januari", "January 2") they make a date.
    """
    months = month_names(locales)
    found = set()
    for sentence in SENTENCES.split(text):
        tokens = TOKEN.findall(sentence)
        for position, token in enumerate(tokens):
            if token.islower():  # ordinary words: most tokens, so the cheapest test first
                continue
            if DIGIT.search(token):
                found.add(NOT_WORD.sub("", token.lower()))
                if token.isdecimal() and 1 <= int(token) <= 31:  # "²" is a digit but no number
                    after = tokens[position + 1:position + 3]
                    if after and after[0].lower() == "de":
                        after = after[1:]
                    month = _month(after[0] if after else None, months) or _month(
                        tokens[position - 1] if position else None, months)
                    if month:
                        found.add(f"@{month:02d}-{int(token):02d}")
            elif position > 0 or token[1:] != token[1:].lower():
                if _month(token, months) is None:
                    found.add(token.lower())
    return frozenset(found)
