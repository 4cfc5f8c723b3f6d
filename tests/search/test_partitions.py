"""The term-partitioned index (plugins/search/partitions.py) read back as the browser reads it.

Scores from engine.js over only the partitions a query needs must be lunr.js's over one
monolithic lunr.py index of the same stories; a term is looked up at every range boundary.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from search.analyzer import analyzer_config, analyzer_for
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


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_scores_from_the_needed_partitions_are_lunr_js_scores_over_one_index(tmp_path, lang):
    documents = corpus_documents(lang, 120)
    files = language_files(lang, analyzer_config(lang).as_json(), documents, story_numbers([documents])[0],
                           analyzer_for(lang), 300)
    write_files(tmp_path, files)
    (tmp_path / "monolithic.json").write_text(json.dumps(build_index(documents, analyzer_for(lang))))
    partitions = json.loads(files["meta.json"])["partitions"]
    assert len(partitions) > 20
    # and words of the stories' own titles: one, two (all required), a prefix, an exclusion
    titles = [d.title.split() for d in documents[::17]]
    queries = QUERIES[lang] + ["c", "pe"] + [w[1] for w in titles] + [" ".join(w[:2]) for w in titles] + [
        w[2][:4] for w in titles] + [f"{w[0]} -{w[1]}" for w in titles]
    results = run_node({"kind": "scores", "lang": lang, "manifest": str(tmp_path / "meta.json"),
                        "monolithic": str(tmp_path / "monolithic.json"), "queries": queries})
    found = 0
    for result in results:
        ours = {ref: score for ref, score, _ in result["ours"]}
        all_words = {ref: score for ref, score, matched in result["ours"] if matched == result["words"]}
        lunr = dict(result["required"])
        if result["backedOff"]:  # a word lunr cannot find: lunr finds nothing, we back off
            assert lunr == {}, result["text"]
            if len(result["text"]) < 3:  # too short to be a prefix: never widened to the words it begins
                assert len(result["files"]) <= 1, (result["text"], result["files"])
            continue
        # every word REQUIRED (lunr) = the stories with all the words, the same scores, bit for bit
        assert all_words == lunr, result["text"]
        by_score = sorted(lunr, key=lambda ref: (-lunr[ref], ref))
        assert sorted(all_words, key=lambda ref: (-all_words[ref], ref)) == by_score, result["text"]
        # and every word OPTIONAL (lunr) = every story we rank, the same scores
        assert ours == dict(result["optional"]), result["text"]
        found += bool(lunr)
        # only partitions: at most the prefix range of the last word and one per other word
        assert len(result["files"]) <= len(result["text"].split()) + 3, (result["text"], result["files"])
    assert found >= 20


def test_a_term_is_looked_up_at_every_partition_boundary(tmp_path):
    documents = corpus_documents("pt", 60)
    files = language_files("pt", analyzer_config("pt").as_json(), documents, story_numbers([documents])[0],
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


def test_stories_with_all_the_words_first_then_most_of_them_and_unknown_words_back_off(tmp_path):
    texts = ["Chuva forte no litoral", "Chuva no centro da cidade", "Vento forte derruba árvores",
             "Orçamento aprovado pela Câmara", "Desenvolvimento urbano em debate"]
    documents = ordered([SearchDocument(title=t, url=f"pt/{n}/", date=f"2024-01-0{n + 1}", shown_date="",
                                        summary="", body=t, category="", key=None) for n, t in enumerate(texts)])
    files = language_files("pt", analyzer_config("pt").as_json(), documents, story_numbers([documents])[0],
                           analyzer_for("pt"), 12000)
    write_files(tmp_path, files)
    (tmp_path / "monolithic.json").write_text(json.dumps(build_index(documents, analyzer_for("pt"))))
    queries = ["chuva forte ", "chuva forte litoral ", "chuva tempestade ", "orçamentozzz ", "urbano desenvolvimentozz ",
               "chuva -litoral ", "xyzzyq "]
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
