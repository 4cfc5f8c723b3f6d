"""One spelling for a word on both sides of a translation, so that adapted names and loanwords meet.

Portuguese and Indonesian borrow the same international words and names but spell them their own
way: "Tóquio" / "Tokyo", "Moçambique" / "Mozambik", "tecnologia" / "teknologi", "inflação" /
"inflasi", "clínica" / "klinik", "universidade" / "universitas". `spelling_key` writes every word
the same phonetic way (accents folded; c/k/qu, ç/s/z, ph/f, y/i; no double letters; the suffixes
the two languages exchange; no final vowels or plural s), so such pairs get one key. It is not a
translation: "Japão" and "Jepang" stay apart, and so do words the languages do not share.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Portuguese endings and the Indonesian (and English) endings of the same borrowed words, longest
# first: informação/informasi, televisão/televisi, universidade/universitas, conferência/konferensi,
# tolerância/toleransi, capitalismo/kapitalisme, clínica/klinik, ativo/aktif, presidente/presiden.
SUFFIXES = {
    "ções": "si", "ção": "si", "sões": "si", "são": "si",
    "dades": "tas", "dade": "tas",
    "ências": "ensi", "ência": "ensi", "âncias": "ansi", "ância": "ansi",
    "ismos": "isme", "ismo": "isme",
    "icos": "ik", "icas": "ik", "ico": "ik", "ica": "ik",
    "ivos": "if", "ivas": "if", "ivo": "if", "iva": "if",
    "entes": "en", "ente": "en",
}
# An ending, never a whole word ("São" stays).
SUFFIX = re.compile("(?<=..)(" + "|".join(sorted(SUFFIXES, key=len, reverse=True)) + ")$")
# Letters and letter groups that sound alike, written one way. Order matters: "ph" before the
# c rules, "c" before "e/i/y" is an s (cidade), any other c a k (clínica), "ch" kept (Chiba).
SOUNDS = [
    (re.compile("ph"), "f"), (re.compile("th"), "t"), (re.compile("qu"), "k"), (re.compile("gu(?=[ei])"), "g"),
    (re.compile("c(?=[eiy])"), "s"), (re.compile("c(?!h)"), "k"), (re.compile("x"), "ks"),
    (re.compile("y"), "i"), (re.compile("z"), "s"), (re.compile(r"(.)\1+"), r"\1"),
]
# Final vowels and plural s: economia/ekonomi, Filipinas/Filipina, ecossistemas/ekosistem. Three
# letters always stay, so short names keep a key of their own ("xAI" -> "ksa", not "ks" like "X").
ENDING = re.compile(r"(?<=...)(?:[aeiou]+s?|s)$")


def fold_accents(text: str) -> str:
    """`text` without diacritics ("Indonésia" -> "Indonesia"); ç becomes s, as it sounds."""
    text = text.replace("ç", "s").replace("Ç", "S")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=500_000)
def spelling_key(word: str) -> str:
    """The shared spelling of one word: "Tóquio" and "Tokyo" -> "tok", "clínicas" and "klinik" -> "klinik"."""
    key = SUFFIX.sub(lambda m: SUFFIXES[m.group(1)], word.lower())
    key = fold_accents(key)
    for pattern, replacement in SOUNDS:
        key = pattern.sub(replacement, key)
    return ENDING.sub("", key)


def within_one_edit(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns `a` into `b`."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1:]
    swapped = start + 1 < len(a) and a[start] == b[start + 1] and a[start + 1] == b[start]
    return a[start + 1:] == b[start + 1:] or (swapped and a[start + 2:] == b[start + 2:])


def one_edit_variants(key: str) -> set[str]:
    """`key` with one letter left out, in every position: two keys within one edit share a variant."""
    return {key[:i] + key[i + 1:] for i in range(len(key))} | {key}
