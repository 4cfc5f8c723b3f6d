"""An edition's entries brought up to date from the last build's (plugins/search/kept_entries.py)
are those a fresh count of its documents gives, byte for byte, without counting the documents
that did not change."""

from __future__ import annotations

import dataclasses

import pytest

import search.kept_entries
from search.analyzer import Vocabulary, analyzer_for
from search.kept_entries import MOST_CHANGED, counted, updated
from test_partitions import corpus_documents

RARE = {"pt": ("Xilofonistas", "xilofonista"), "id": ("Pengxilofonan", "xilofon")}  # a word two stories hold


def fresh(documents, lang):
    return counted(documents, Vocabulary(analyzer_for(lang)), digests(documents))


def digests(documents) -> list[bytes]:
    return [document.digest() for document in documents]


def update(kept, documents, lang):
    return updated(kept, documents, Vocabulary(analyzer_for(lang)), digests(documents))


def assert_same(entries, expected):
    assert entries.terms == expected.terms
    assert entries.term_entries == expected.term_entries
    assert entries.words == expected.words
    assert entries.word_entries == expected.word_entries
    assert entries.lengths == expected.lengths and entries.average() == expected.average()


def with_body(documents, position: int, body: str) -> list:
    changed = list(documents)
    changed[position] = dataclasses.replace(documents[position], body=body)
    return changed


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_entries_updated_after_each_kind_of_change_are_a_fresh_counts(monkeypatch, lang):
    plural, singular = RARE[lang]
    base = corpus_documents(lang, 80)
    base = with_body(base, 0, f"{plural} {base[0].body}")  # the first to hold the rare word, at its start
    base = with_body(base, 3, f"{base[3].body} {singular}")
    new_story = dataclasses.replace(base[7], url=f"{lang}/new/", date="2099-01-01T00:00:00", key="new",
                                    title="Zebra Quixotesca", body=f"{base[7].body} Zanzibar zumbido {singular}")
    versions = {
        # the rare word leaves the first story: its first appearance is now in the fourth, which did not change
        "first story corrected": with_body(base, 0, base[0].body.replace(f"{plural} ", "")),
        "a sentence added": with_body(base, 40, base[40].body + " Uma frase nova: Quixadá, Zanzibar."),
        "story added last": base + [new_story],
        "two stories changed, one added": with_body(with_body(base, 3, base[3].body[:200]), 79, "Curto.") + [new_story],
        "story inserted near the end": base[:77] + [dataclasses.replace(new_story, date=base[77].date)] + base[77:],
        "title changed": [dataclasses.replace(d, title=d.title + " (atualizado)") if n == 12 else d
                          for n, d in enumerate(base)],
    }
    counts = []
    monkeypatch.setattr(search.kept_entries, "lunr_counts",
                        lambda *args, real=search.kept_entries.lunr_counts, **kw: counts.append(1) or real(*args, **kw))
    for name, version in versions.items():
        kept = fresh(base, lang)
        counts.clear()
        entries = update(kept, version, lang)
        assert entries is not None and not counts, name  # updated, not counted afresh
        assert_same(entries, fresh(version, lang))
        again = update(entries, base, lang)  # and back, from the updated entries
        if len(version) == len(base):
            assert_same(again, fresh(base, lang))
        else:
            assert again is None  # a document removed: counted afresh


def test_entries_are_counted_afresh_when_many_documents_changed():
    base = corpus_documents("pt", MOST_CHANGED + 10)
    kept = fresh(base, "pt")
    assert update(kept, base, "pt") is kept
    shifted = [dataclasses.replace(base[0], url="pt/first/", date="2000-01-01T00:00:00")] + base  # every id moves
    assert update(kept, shifted, "pt") is None
    assert update(counted(base, Vocabulary(analyzer_for("pt"))), base, "pt") is None  # counted without digests


def test_an_edition_of_stories_without_words_is_updated_as_any():
    story = corpus_documents("pt", 1)[0]
    empty = [dataclasses.replace(story, title="", body="")] * 2
    kept = fresh(empty, "pt")
    assert kept.terms == [] and kept.documents is not None
    grown = empty + [story]
    assert_same(update(kept, grown, "pt"), fresh(grown, "pt"))
    assert fresh([], "pt").documents is None and update(fresh([], "pt"), grown, "pt") is None
