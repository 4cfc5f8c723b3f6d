"""An edition's index rebuilt with the work kept from the last build (plugins/search/kept_work.py)
is the index a fresh build writes, byte for byte, with only the changed part worked out again."""

from __future__ import annotations

import dataclasses
import random

import pytest

import search.partitions
from search.analyzer import Vocabulary, analyzer_config, analyzer_for
from search.kept_work import IndexWork, analyses_path, load_analyses, load_work, save_work
from search.partitions import language_files, split_partitions, story_numbers
from test_partitions import corpus_documents


def counting(monkeypatch, module, name: str) -> list:
    """Calls of module.name from now on (their first arguments), the function still doing its work."""
    calls, real = [], getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args, **kwargs: calls.append(args[0]) or real(*args, **kwargs))
    return calls


def entries(count: int, seed: int) -> list[bytes]:
    """Sorted JSON-like entries of random letters and numbers (they compress like postings do, unevenly)."""
    rng = random.Random(seed)
    words = sorted({"".join(rng.choices("abcdefghij", k=rng.randint(3, 9))) for _ in range(count)})
    return [f'["{word}",{rng.randint(0, 50)},[{",".join(str(rng.randint(0, 9)) for _ in range(rng.randint(1, 30)))}]]'
            .encode() for word in words]


@pytest.mark.parametrize("change", ["middle", "first", "appended", "last removed", "inserted first", "all new"])
def test_partitions_cut_with_an_earlier_builds_cuts_are_cut_as_afresh(monkeypatch, change):
    before = entries(600, 1)
    after = list(before)
    if change == "middle":
        after[300] = after[300][:-2] + b",7]]"
    elif change == "first":
        after[0] = after[0][:-2] + b",7]]"
    elif change == "appended":
        after += [b'["zzzz",1,[1,2,3]]', b'["zzzzz",2,[4]]']
    elif change == "last removed":
        after.pop()
    elif change == "inserted first":
        after.insert(0, b'["a",1,[1]]')
    else:
        after = entries(600, 2)
    earlier = split_partitions(before, 400)
    assert len(earlier.runs) > 20
    cut = counting(monkeypatch, search.partitions, "cut_run")
    kept = split_partitions(after, 400, earlier)
    worked_out = len(cut)  # runs cut again although the earlier cuts were given
    assert kept.runs == split_partitions(after, 400).runs and kept.encoded == after
    assert worked_out == len(kept.runs) if change == "all new" else worked_out <= 3, (change, worked_out)


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_an_index_rebuilt_with_the_last_builds_work_is_byte_for_byte_a_fresh_one(monkeypatch, lang):
    documents = corpus_documents(lang, 120)
    corrected = [dataclasses.replace(d) for d in documents]
    corrected[60].body += {"pt": "\nCorreção: a reunião foi na terça-feira em Niterói.",
                           "id": "\nRalat: rapat berlangsung pada hari Selasa di Bekasi."}[lang]
    added = documents + [dataclasses.replace(documents[5], url=f"{lang}/new/", date="2099-01-01T00:00:00",
                                             title="Zebra Xilofone Quixotesco", key="new")]
    removed = documents[:40] + documents[41:]

    def files(version, work=None):
        return language_files(lang, analyzer_config(lang).as_json(), version,
                              story_numbers([[d.key for d in version]])[0], analyzer_for(lang), 1500, None, work)

    def words(document) -> set[str]:
        vocabulary = Vocabulary(analyzer_for(lang))
        return {token for text in (document.title, document.body) for token, _ in vocabulary.tokens(text)}

    # the words an update analyzes are its changed documents' (the corrected story; the new story,
    # and the corrected one again: `added` has it as it was); a fresh count's are those no analysis
    # kept from the last fresh count has (none; the story put back)
    new_words = [words(corrected[60]), words(corrected[60]) | words(added[-1]), set(), words(documents[40])]
    work = IndexWork()
    assert files(documents, work) == files(documents)
    analyzed = counting(monkeypatch, analyzer_for(lang), "term")
    cut = counting(monkeypatch, search.partitions, "cut_run")
    for version, expected_words in zip((corrected, added, removed, documents), new_words):
        analyzed.clear(), cut.clear()
        earlier = {name: set(made.encoded) for name, made in work.cuts.items()}
        rebuilt = files(version, work)
        runs = sum(len(made.runs) for made in work.cuts.values())
        changed = sum(len(set(made.encoded) - earlier[name]) for name, made in work.cuts.items())
        # a run is cut again where an entry it (or the run before, past its end) looked at changed;
        # a story added or removed changes the entries of all its terms: most runs
        assert runs > 10 and len(cut) <= min(2 * changed + 2, runs), (len(cut), runs, changed)
        assert set(analyzed) <= expected_words
        assert rebuilt == files(version)


def test_the_words_kept_for_a_vocabulary_give_what_analyzing_them_gives():
    analyzer = analyzer_for("pt")
    text = "O governo anunciou (ontem) o orçamento: R$ 3,5 bilhões, ex-ministro e e-mail; governo."
    fresh = Vocabulary(analyzer)
    pieces = list(fresh.pieces(text))
    kept = Vocabulary(analyzer, fresh.analyses)
    assert list(kept.pieces(text)) == pieces and kept.seen == fresh.seen and kept.piece_terms == fresh.piece_terms
    assert kept.term_names == fresh.term_names and kept.analyses == fresh.analyses


def test_kept_work_is_taken_only_under_the_same_build_key(tmp_path):
    path = tmp_path / "search-pt-work.pickle"
    work = IndexWork({"governo": (("governo", "govern"),)}, {"terms": split_partitions(entries(50, 3), 400)})
    save_work(path, "key-1", work)
    again = load_work(path, "key-1")
    assert again.known() == work.analyses and again.cuts["terms"].runs == work.cuts["terms"].runs
    assert load_analyses(analyses_path(path), "key-2") == {}
    assert load_work(path, "key-2") == IndexWork()
    path.write_bytes(b"\x80\x05 not a whole pickle")
    assert load_work(path, "key-1") == IndexWork()
    assert load_work(tmp_path / "missing.pickle", "key-1") == IndexWork()


def test_display_blocks_of_unchanged_documents_are_left_live_when_the_live_files_are_the_last_builds():
    documents = corpus_documents("pt", 200)  # four display blocks of 64 documents (the last of 8)
    corrected = [dataclasses.replace(d) for d in documents]
    corrected[100].body += "\nCorreção: a reunião foi na terça-feira."
    added = corrected + [dataclasses.replace(documents[5], url="pt/new/", date="2099-01-01T00:00:00", key="new")]

    def files(version, work=None, live_as_written=None):
        return language_files("pt", analyzer_config("pt").as_json(), version, story_numbers([[d.key for d in version]])[0],
                              analyzer_for("pt"), 1500, None, work, None, live_as_written)

    def block(name: str) -> int:
        return int(name.split("/")[1].split(".")[0]) // 64

    work = IndexWork()
    files(documents, work)
    for version, changed_blocks in ((corrected, {1}), (added, {3})):
        fresh = files(version)
        rebuilt = files(version, work, lambda name: True)
        assert rebuilt.keys() == fresh.keys()
        left_live = {name for name, data in rebuilt.items() if data is None}
        assert {block(name) for name in left_live} == {0, 1, 2, 3} - changed_blocks
        assert all(rebuilt[name] == data for name, data in fresh.items() if name not in left_live)
    lost = sorted(left_live)[0]  # the live site lost one file of a block: that block is encoded again
    rebuilt = files(added, work, lambda name: name != lost)  # (the same documents again)
    assert rebuilt[lost] == files(added)[lost]
    assert {block(name) for name, data in rebuilt.items() if data is None} == {0, 1, 2, 3} - {block(lost)}
