"""The term-partitioned index (plugins/search/partitions.py) read back as the browser reads it.

Scores from engine.js over only the partitions a query needs must be lunr.js's over one
monolithic lunr.py index of the same stories; a term is looked up at every range boundary.
"""

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from search.analyzer import DIGIT, analyzer_config, analyzer_for, tokenize
from search.lunr_index import SearchDocument, build_index
from search.partitions import find_partition, language_files, ordered, prefix_partitions, story_numbers
from support import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

RUNNER = Path(__file__).with_name("engine_runner.mjs")
QUERIES = {
    "pt": ["lançamento", "lancamento atraso", "orçamento", "governo -lançamento", "lanç", "gera", "empresa modelo",
           "treinamento atrasos GPT-4", "palavrainexistente", "lançamento palavrainexistente", "a", "de", "Grok3",
           "produto", "prod", "mercado -mercado", "investimento mercado novo"],
    "id": ["peluncuran", "peluncurannya", "pelatihan model", "perusahaan -peluncuran", "pelu", "kata", "dilatih",
           "pemerintah", "tidakadakata", "baru"],
}


def run_node(job: dict):
    result = subprocess.run(["node", str(RUNNER)], input=json.dumps(job), capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return json.loads(result.stdout)


def corpus_documents(lang: str, pairs: int) -> list[SearchDocument]:
    documents = []
    for n, story in enumerate(corpus.generate(pairs)):
        version = getattr(story, lang)
        documents.append(SearchDocument(
            title=version.title, url=f"{lang}/{n}/", date=f"20{10 + n % 15:02d}-0{1 + n % 9}-1{n % 10}T10:00:00",
            shown_date="", summary=version.paragraphs[0][:100], body="\n".join(version.paragraphs),
            category=f"c{n % 3}", key=f"k{n}"))
    return ordered(documents)


def half_typed_irregular_words(files: dict[str, bytes], lang: str, count: int = 8) -> list[str]:
    """Beginnings of written words whose own term does not begin the word's term ("pengang" of
    "pengangguran" -> "anggur"): lunr's "term*" misses them, the written-word completions do not."""
    meta = json.loads(files["meta.json"])
    found = []
    for _, _, digest in meta["words"]:
        for written, term, _ in json.loads(files[f"words/{digest}.json"]):
            beginning = written[:-2]
            own = analyzer_for(lang).term(beginning)
            if len(beginning) >= 4 and (own is None or not term.startswith(own)) and not term.startswith(beginning):
                found.append(beginning)
    return found[:: max(1, len(found) // count)][:count]


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def index_files(folder: Path, lang: str, documents: list[SearchDocument], partition_gzip: int) -> dict[str, bytes]:
    """`documents`' index files, as the build writes them, written into `folder` too."""
    files = language_files(lang, analyzer_config(lang).as_json(), documents,
                           story_numbers([[d.key for d in documents]])[0],
                           analyzer_for(lang), partition_gzip)
    write_files(folder, files)
    return files


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_scores_from_the_needed_partitions_are_lunr_js_scores_over_one_index(tmp_path, lang):
    documents = corpus_documents(lang, 120)
    files = index_files(tmp_path, lang, documents, 300)
    (tmp_path / "monolithic.json").write_text(json.dumps(build_index(documents, analyzer_for(lang))))
    partitions = json.loads(files["meta.json"])["partitions"]
    assert len(partitions) > 20
    # and words of the stories' own titles: one, two (all required), a prefix, an exclusion
    titles = [d.title.split() for d in documents[::17]]
    queries = QUERIES[lang] + ["c", "pe"] + [w[1] for w in titles] + [" ".join(w[:2]) for w in titles] + [
        w[2][:4] for w in titles] + [f"{w[0]} -{w[1]}" for w in titles] + half_typed_irregular_words(files, lang)
    results = run_node({"kind": "scores", "lang": lang, "manifest": str(tmp_path / "meta.json"),
                        "monolithic": str(tmp_path / "monolithic.json"), "queries": queries})
    found = widened = 0
    for result in results:
        ours = {ref: score for ref, score, _ in result["ours"]}
        all_words = {ref: score for ref, score, matched in result["ours"] if matched == result["words"]}
        lunr = dict(result["required"])
        # whatever terms a clause matched, our scores are lunr.js's for those terms, bit for bit
        assert ours == dict(result["expandedOptional"]), result["text"]
        if result["backedOff"]:  # a word lunr cannot find: lunr finds nothing, we back off
            assert lunr == {}, result["text"]
            if len(result["text"]) < 3:  # too short to be a prefix: never widened to the words it begins
                assert len(result["files"]) <= 1, (result["text"], result["files"])
            continue
        typing = set(result["clauses"][-1]["expanded"]) if result["prefixLast"] else set()
        if typing != set(result["wildcard"]):  # completed from written words beyond lunr's "term*"
            assert typing > set(result["wildcard"]), result["text"]
            widened += 1
            continue
        # every word REQUIRED (lunr) = the stories with all the words, the same scores, bit for bit
        assert all_words == lunr, result["text"]
        by_score = sorted(lunr, key=lambda ref: (-lunr[ref], ref))
        assert sorted(all_words, key=lambda ref: (-all_words[ref], ref)) == by_score, result["text"]
        # and every word OPTIONAL (lunr) = every story we rank, the same scores
        assert ours == dict(result["optional"]), result["text"]
        found += bool(lunr)
        # only partitions: at most the prefix range of the last word and one per other word, and the
        # range of written words the last word begins
        terms = [f for f in result["files"] if "/terms/" in f]
        assert len(terms) <= len(result["text"].split()) + 3, (result["text"], result["files"])
        assert len(result["files"]) - len(terms) <= 2, (result["text"], result["files"])
    assert found >= 20 and widened >= 1


def test_a_term_is_looked_up_at_every_partition_boundary(tmp_path):
    documents = corpus_documents("pt", 60)
    files = language_files("pt", analyzer_config("pt").as_json(), documents,
                           story_numbers([[d.key for d in documents]])[0],
                           analyzer_for("pt"), 400)
    partitions = json.loads(files["meta.json"])["partitions"]
    assert len(partitions) >= 5
    middle = len(partitions) // 2
    first, last = partitions[middle][:2]
    before_next = partitions[middle + 1][0]
    cases = {
        first: middle,  # first term of a partition
        last: middle,  # last term of a partition
        last + "\u0000": None,  # after a partition's last term, before the next one's first
        before_next[:-1] + chr(ord(before_next[-1]) - 1) + "\uffff" if before_next > last + "a" else last + "0": None,
        partitions[0][0]: 0,  # the very first term
        "": None,  # before the first term
        partitions[-1][1]: len(partitions) - 1,  # the very last term
        partitions[-1][1] + "z": None,  # after the last term
    }
    for term, expected in cases.items():
        assert find_partition(partitions, term) == expected, term
    terms = list(cases)
    browser = run_node({"kind": "lookup", "partitions": partitions, "terms": terms})
    for term, (found, prefix) in zip(terms, browser):
        assert (None if found < 0 else found) == cases[term], term
        assert prefix == prefix_partitions(partitions, term), term
    # every term of every partition file is found in its own partition
    for position, (_, _, digest) in enumerate(partitions):
        for entry in json.loads(files[f"terms/{digest}.json"]):
            assert find_partition(partitions, entry[0]) == position
    # a prefix spans the partitions of all its terms
    prefix = first[:3]
    holding = {find_partition(partitions, e[0]) for d in partitions for e in json.loads(files[f"terms/{d[2]}.json"])
               if e[0].startswith(prefix)}
    assert holding <= set(prefix_partitions(partitions, prefix))


def one_story_per_text(folder: Path, texts: list[str]) -> None:
    """A Portuguese index of one story per text (its title and body), and lunr.py's monolithic one."""
    documents = ordered([SearchDocument(title=t, url=f"pt/{n}/", date=f"2024-01-0{n + 1}", shown_date="",
                                        summary="", body=t, category="", key=None) for n, t in enumerate(texts)])
    files = index_files(folder, "pt", documents, 12000)
    (folder / "monolithic.json").write_text(json.dumps(build_index(documents, analyzer_for("pt"))))


def test_stories_with_all_the_words_first_then_most_of_them_and_unknown_words_back_off(tmp_path):
    texts = ["Chuva forte no litoral", "Chuva no centro da cidade", "Vento forte derruba árvores",
             "Orçamento aprovado pela Câmara", "Desenvolvimento urbano em debate"]
    one_story_per_text(tmp_path, texts)
    queries = ["chuva forte ", "chuva forte litoral ", "chuva tempestade ", "orçamentozzz ", "urbano desenvolvimentozz ",
               "chuva -litoral ", "xyzzyq ", "orçamex", "orçamex "]
    results = {r["text"]: r for r in run_node({
        "kind": "scores", "lang": "pt", "manifest": str(tmp_path / "meta.json"),
        "monolithic": str(tmp_path / "monolithic.json"), "queries": queries})}

    def matched(text):
        return {texts[ref]: m for ref, _, m in results[text]["ours"]}

    assert matched("chuva forte ") == {texts[0]: 2, texts[1]: 1, texts[2]: 1}
    assert matched("chuva forte litoral ") == {texts[0]: 3, texts[1]: 1, texts[2]: 1}
    assert matched("chuva tempestade ") == {texts[0]: 1, texts[1]: 1}  # never empty when a word matches
    assert results["orçamentozzz "]["backedOff"] == [["orcamentozzz", ["orcament"]]]
    assert matched("orçamentozzz ") == {texts[3]: 1}
    assert matched("urbano desenvolvimentozz ") == {texts[4]: 2}
    assert matched("chuva -litoral ") == {texts[1]: 1}  # -word still excludes
    assert matched("xyzzyq ") == {}
    # a half-typed word that begins nothing indexed keeps the stories of its longest beginning that
    # does ("orçame" of "orçamento"); once finished, it backs off only to an indexed term it begins with
    assert matched("orçamex") == {texts[3]: 1} and matched("orçamex ") == {}


def typed_letter_by_letter(words: set[str]) -> list[str]:
    """Each word finished (a space after it), then each of its beginnings from the third letter on."""
    return [text for word in sorted(words) for text in [f"{word} ", *(word[:n] for n in range(3, len(word) + 1))]]


def assert_stable_while_typing(queries: list[str], found: list[list[int]], all_from: int = 3) -> int:
    """Every beginning of a word finds stories when the finished word does, and from the `all_from`-th
    letter on every story the finished word finds; returns the words checked."""
    by_text = dict(zip(queries, map(set, found)))
    words = [text[:-1] for text in queries if text.endswith(" ")]
    for word in words:
        for n in range(3, len(word) + 1):
            finished = by_text[f"{word} "]
            if n >= all_from:
                assert by_text[word[:n]] >= finished, (word, word[:n])
            else:
                assert by_text[word[:n]] or not finished, (word, word[:n])
    return len(words)


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_every_word_of_the_sample_content_keeps_its_stories_while_typed_letter_by_letter(sample_site, lang):
    folder = sample_site.output / "search" / lang
    meta = json.loads((folder / "meta.json").read_text())
    ((title, _, _, _, _, text),) = json.loads((folder / f"display/0.{meta['display']['hashes'][0]}.json").read_text())
    words = {token for token in tokenize(f"{title} {text}") if len(token) >= 3}  # the story as published
    queries = typed_letter_by_letter(words)
    found = run_node({"kind": "found", "lang": lang, "manifest": str(folder / "meta.json"), "queries": queries})
    finished = [bool(ids) for query, ids in zip(queries, found) if query.endswith(" ")]
    analyzer = analyzer_for(lang)
    assert sum(finished) == sum(analyzer.term(word) is not None for word in words)  # every word but stop words
    assert assert_stable_while_typing(queries, found) == len(words) > 200


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_words_of_a_larger_archive_keep_their_stories_while_typed(tmp_path, lang):
    documents = corpus_documents(lang, 150)
    files = index_files(tmp_path, lang, documents, 12000)
    words = sorted({t for d in documents[::5] for t in tokenize(d.body) if len(t) >= 5 and not DIGIT.search(t)})
    queries = typed_letter_by_letter(set(words[::7]))
    found = run_node({"kind": "found", "lang": lang, "manifest": str(tmp_path / "meta.json"), "queries": queries})
    assert assert_stable_while_typing(queries, found, all_from=5) >= 40


def test_the_word_being_typed_is_not_widened_beyond_what_it_begins_and_a_stop_word_is_not_required(tmp_path):
    texts = ["A mãe chegou cedo", "As mães do bairro", "O mapa da cidade", "O mar subiu", "Nascimento no hospital",
             "Chuva no litoral", "Chuva no Paraná"]
    one_story_per_text(tmp_path, texts)
    assert analyzer_for("pt").term("mãe") == "ma"  # a two-letter term, the beginning of "mapa" and "mar"
    queries = ["mãe", "mãe ", "nas", "chuva para", "chuva para ", "chuva "]
    results = {r["text"]: r for r in run_node({
        "kind": "scores", "lang": "pt", "manifest": str(tmp_path / "meta.json"),
        "monolithic": str(tmp_path / "monolithic.json"), "queries": queries})}

    def matched(text):
        return {texts[ref]: m for ref, _, m in results[text]["ours"]}

    assert matched("mãe") == matched("mãe ") == {texts[0]: 1, texts[1]: 1}  # not "mapa", "mar"
    assert matched("nas") == {texts[4]: 0}  # a stop word so far, on its way to "nascimento"
    # "para" being typed may still become "Paraná": that story is shown, but only the words the
    # reader has finished are required; once finished, a stop word changes nothing
    assert matched("chuva para") == {texts[5]: 1, texts[6]: 1}
    assert results["chuva para"]["words"] == 1
    assert matched("chuva para ") == matched("chuva ") == {texts[5]: 1, texts[6]: 1}


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_a_query_finds_the_same_stories_and_scores_whatever_earlier_queries_loaded(tmp_path, lang):
    documents = corpus_documents(lang, 150)
    files = index_files(tmp_path, lang, documents, 1500)  # small partitions: completions and back-off hit their caps
    words = sorted({t for d in documents[::9] for t in tokenize(d.title) if len(t) >= 4})[:30]
    queries = [w[:n] for w in words for n in (3, 5)] + [f"{a} {b[:4]}" for a, b in zip(words, words[1:])] + [
        f"{w}x" for w in words[:8]] + half_typed_irregular_words(files, lang)
    job = {"kind": "found", "lang": lang, "manifest": str(tmp_path / "meta.json"), "withScores": True}
    in_order = run_node({**job, "queries": queries})
    reversed_order = run_node({**job, "queries": queries[::-1]})[::-1]
    fresh = run_node({**job, "queries": queries, "fresh": True})
    assert len(json.loads(files["meta.json"])["partitions"]) > 30 and sum(map(bool, fresh)) > len(queries) // 2
    assert in_order == fresh and reversed_order == fresh


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_the_typed_words_completions_are_fetched_beside_its_own_partitions_not_after(tmp_path, lang):
    """A half-typed word's completions may lie in partitions beyond its own ("pengang…" ->
    "anggur"): those are requested once its words/ range is in, while its own partitions are still
    on their way, and nothing else is requested later (one round trip, not two)."""
    files = index_files(tmp_path, lang, corpus_documents(lang, 150), 450)
    meta = json.loads(files["meta.json"])
    queries = half_typed_irregular_words(files, lang, 16)
    assert len(queries) >= 4
    beyond = 0
    for result in run_node({"kind": "overlap", "lang": lang, "manifest": str(tmp_path / "meta.json"),
                            "queries": queries}):
        terms = [path for path in result["all"] if "/terms/" in path]
        assert [path for path in result["before"] if "/terms/" in path] == terms, result["text"]
        assert len(terms) == len(set(terms))
        typed = result["text"]
        own = set(prefix_partitions(meta["partitions"], typed))
        term = analyzer_for(lang).term(typed)
        if term:
            own |= set(prefix_partitions(meta["partitions"], term)) if len(term) >= 3 else set()
            own |= {p for p in [find_partition(meta["partitions"], term)] if p is not None}
        beyond += len({Path(path).stem for path in terms} - {meta["partitions"][p][2] for p in own}) > 0
    assert beyond  # some completions lie beyond the word's own partitions


def changed_files(before: dict[str, bytes], after: dict[str, bytes], folder: str) -> tuple[set[str], int]:
    """Names of `folder`'s files the second index has and the first has not; how many the first had."""
    old = {name for name in before if name.startswith(folder)}
    return {name for name in after if name.startswith(folder)} - old, len(old)


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_a_corrected_story_changes_only_the_partitions_of_the_terms_it_changed(tmp_path, lang):
    """The weights depend on the whole archive (average length, idf); the files must not: a
    correction rewrites the partitions of the terms whose postings changed (and a neighbour where
    a cut by size moves), and the next deploy uploads those, not the whole index. (The written
    words' files are cut by size too: a new word shifts the cuts after it, in a list that is ~5 %
    of the index.)"""
    documents = corpus_documents(lang, 400)
    edited = [dataclasses.replace(d) for d in documents]
    correction = {"pt": "Correção: o ministro falou na terça-feira, não na quarta.",
                  "id": "Ralat: menteri berbicara pada hari Selasa, bukan Rabu."}[lang]
    edited[150].body += "\n" + correction
    before, after = (language_files(lang, analyzer_config(lang).as_json(), version,
                                    story_numbers([[d.key for d in version]])[0], analyzer_for(lang), 2000)
                     for version in (documents, edited))
    changed_terms = set(analyzer_for(lang).terms(correction))
    meta = json.loads(after["meta.json"])
    new_partitions, count = changed_files(before, after, "terms/")
    holding = [bool({entry[0] for entry in json.loads(after[f"terms/{digest}.json"])} & changed_terms)
               for _, _, digest in meta["partitions"]]
    assert count > 40 and 0 < len(new_partitions) <= sum(holding) + 2, (len(new_partitions), sum(holding), count)
    for position, (_, _, digest) in enumerate(meta["partitions"]):
        if f"terms/{digest}.json" in new_partitions:  # holds a changed term, or its cut moved: the one before does
            assert holding[position] or holding[position - 1], (position, digest)
    new_fragments, fragments = changed_files(before, after, "display/")
    assert 0 < len(new_fragments) <= 64 < fragments  # the story's block of display fragments


def test_a_manifest_cached_from_before_a_format_change_is_fetched_again_past_the_cache(tmp_path):
    """meta.json is the one index file whose name does not change with its content: after a deploy
    that changed the format, a browser may hold the old one while running the new engine.js."""
    documents = corpus_documents("pt", 30)
    index_files(tmp_path, "pt", documents, 3000)
    result = run_node({"kind": "stale", "lang": "pt", "manifest": str(tmp_path / "meta.json"),
                       "queries": [documents[4].title.split()[0]]})
    assert result["asked"] == [[str(tmp_path / "meta.json"), False], [str(tmp_path / "meta.json"), True]]
    assert result["found"] >= 1
