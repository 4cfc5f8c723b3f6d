"""What survives translation: names, numbers, acronyms and dates, as language-neutral tokens."""

from __future__ import annotations

import re

from .dates import date_mentions, month_names

TOKEN = re.compile(r"[^\W_](?:[\w.,'’-]*[^\W_])?")
SENTENCES = re.compile(r"(?<=[.!?…:;\"”])\s+|\n+")


def extract_anchors(text: str, locales: tuple[str, ...]) -> frozenset[str]:
    """Numbers ("100.000" -> "100000"), names and acronyms ("xAI", "GPT-4" -> "gpt4"), "@MM-DD" dates.

    A capitalised word that opens a sentence is grammar, not a name, unless it has inner capitals
    or digits ("OpenAI", "Grok3"). Month names become dates instead.
    """
    months = month_names(locales)
    found = set(date_mentions(text, locales))
    for sentence in SENTENCES.split(text):
        for position, token in enumerate(TOKEN.findall(sentence)):
            has_digit = any(ch.isdigit() for ch in token)
            inner_capital = any(ch.isupper() for ch in token[1:])
            if has_digit:
                found.add(re.sub(r"\W", "", token.lower()))
            elif (token[0].isupper() and position > 0) or inner_capital:
                word = token.lower()
                if word.rstrip(".") not in months:
                    found.add(word)
    return frozenset(found)
