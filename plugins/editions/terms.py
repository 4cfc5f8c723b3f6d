"""Which category or tag of one language is the same listing in another language.

Editors name categories and tags in their own language ("Tecnologia", "Teknologi"). Translated
articles tell us which names correspond: a term is matched to the term its translations carry
most often, only when that choice is unique both ways; TERM_MATCHES declares matches no
translation shows yet, and overrules found ones. Unmatched terms fall back to the other
edition's home in the language switcher.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Iterable

logger = logging.getLogger(__name__)


def _strict_best(counts: dict[str, Counter]) -> dict[str, str]:
    best = {}
    for term, candidates in counts.items():
        ranked = candidates.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            best[term] = ranked[0][0]
    return best


def match_terms(pairs: Iterable[tuple[set[str], set[str]]]) -> dict[str, str]:
    """One-to-one map from side-A term slugs to side-B term slugs.

    `pairs` holds, for each translated article pair, the term slugs of the A article and of the
    B article. Identical slugs (names such as "xai") match first; the rest are matched by
    co-occurrence when A's best partner and B's best partner agree.
    """
    pairs = [(set(a), set(b)) for a, b in pairs]
    a_terms = set().union(*(a for a, _ in pairs)) if pairs else set()
    b_terms = set().union(*(b for _, b in pairs)) if pairs else set()
    mapping = {term: term for term in a_terms & b_terms}
    matched_b = set(mapping.values())

    forward: dict[str, Counter] = defaultdict(Counter)
    backward: dict[str, Counter] = defaultdict(Counter)
    for a, b in pairs:
        # `a - mapping.keys()` would walk every matched term for each pair (a dict view on the
        # right of a set difference): at 10,000 pairs, 18 s of a build
        for x in [x for x in a if x not in mapping]:
            for y in [y for y in b if y not in matched_b]:
                forward[x][y] += 1
                backward[y][x] += 1
    best_b, best_a = _strict_best(forward), _strict_best(backward)
    mapping.update({x: y for x, y in best_b.items() if best_a.get(y) == x})
    return mapping


def declared_matches(settings: dict, kind: str, terms: dict[str, dict]) -> dict[tuple[str, str], dict[str, str]]:
    """{(language, slug): {other language: slug}} from TERM_MATCHES[kind] ("category" or "tag"):

        TERM_MATCHES = {"tag": [{"pt": "arroz", "id": "beras"}], "category": [{"pt": "opiniao", "id": "opini"}]}

    for terms no translated story links yet. `terms` is {language: {slug: …}} of the terms in use:
    a slug no story of its edition carries is a warning naming the entry (the match waits for one)."""
    codes = list(settings.get("LANGUAGES") or {})
    matches: dict[tuple[str, str], dict[str, str]] = {}
    for number, entry in enumerate((settings.get("TERM_MATCHES") or {}).get(kind) or []):
        where = f"TERM_MATCHES[{kind!r}][{number}]"
        if not isinstance(entry, dict) or len(entry) < 2:
            logger.error("%s: expected a dict of two or more language -> %s slug, got %r", where, kind, entry)
            continue
        known = {}
        for code, slug in entry.items():
            if code not in codes:
                logger.error("%s: %r is not one of LANGUAGES (%s)", where, code, ", ".join(codes))
            elif slug not in terms.get(code, {}):
                logger.warning("%s[%r]: no %s story has the %s %r; the match waits for one", where, code, code, kind, slug)
            else:
                known[code] = slug
        for code, slug in known.items():
            matches[(code, slug)] = {other: other_slug for other, other_slug in known.items() if other != code}
    return matches


def with_declared(found: dict, declared: dict) -> dict[tuple[str, str], dict[str, str]]:
    """Matches found from translations, overruled by declared ones, one-to-one both ways: a
    found match is dropped when either of its terms is declared to match another term there."""
    combined: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for (code, slug), others in found.items():
        for other, other_slug in others.items():
            if other not in declared.get((code, slug), {}) and code not in declared.get((other, other_slug), {}):
                combined[(code, slug)][other] = other_slug
    for node, others in declared.items():
        combined[node].update(others)
    return dict(combined)
