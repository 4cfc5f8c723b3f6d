"""snippet.js in Node: which sentence of a story's body a result shows, cut where, and which words are marked.

Most cases compile the query without an index (its own terms only); the `searched` ones run it
through the real engine over a small index, as the search page does."""

import json
import subprocess
from pathlib import Path

import pytest

from search.analyzer import analyzer_config, analyzer_for
from search.lunr_index import SearchDocument
from search.partitions import language_files, ordered, story_numbers
from support import ROOT

RUNNER = Path(__file__).with_name("snippet_runner.mjs")


def run(lang: str, *cases: dict, index: Path | None = None) -> list:
    job = {"config": analyzer_config(lang).as_json(), "cases": list(cases), "index": index and str(index)}
    result = subprocess.run(["node", str(RUNNER)], input=json.dumps(job), capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return json.loads(result.stdout)


def sentences(lang: str, text: str) -> list[str]:
    return run(lang, {"op": "sentences", "text": text})[0]


def snippet(lang: str, body: str, query: str, typing: bool = False, **options):
    """The snippet for `query`, its last word still being typed if `typing`."""
    return run(lang, {"op": "snippet", "text": body, "query": query if typing else query + " ", **options})[0]


def searched(tmp_path: Path, lang: str, bodies: list[str], *queries: str) -> list[dict]:
    """`queries` run by engine.js over an index of `bodies` (titled "Story <n>"), as the page runs
    them: per query {matchedTerms, results: {title: marked words of its snippet, or None}}."""
    documents = ordered([SearchDocument(title=f"Story {n}", url=f"{lang}/{n}/", date=f"2024-01-{n + 1:02d}", shown_date="",
                                        summary="", body=body, category="", key=None) for n, body in enumerate(bodies)])
    files = language_files(lang, analyzer_config(lang).as_json(), documents,
                           story_numbers([[d.key for d in documents]])[0],
                           analyzer_for(lang), 12000)
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    answers = run(lang, *({"op": "search", "query": query} for query in queries), index=tmp_path / "meta.json")
    return [{"matchedTerms": answer["matchedTerms"],
             "results": {title: parts and marked(parts) for title, parts in answer["results"]}} for answer in answers]


def text_of(parts) -> str:
    return "".join(part["text"] for part in parts)


def marked(parts) -> list[str]:
    return [part["text"] for part in parts if part["mark"]]


@pytest.mark.parametrize("lang, text, expected", [
    ("pt", "O Sr. Silva disse que a inflação ficou em 5,3%. O governo gastou R$ 1.200 milhões em 2024. Fim.",
     ["O Sr. Silva disse que a inflação ficou em 5,3%.", "O governo gastou R$ 1.200 milhões em 2024.", "Fim."]),
    ("pt", "A Dra. Costa e o Prof. J. K. Almeida, da Petrobras S.A., falaram. Quem paga? Ninguém!",
     ["A Dra. Costa e o Prof. J. K. Almeida, da Petrobras S.A., falaram.", "Quem paga?", "Ninguém!"]),
    ("pt", '"Vamos votar." Depois... a sessão seguiu.\nIntertítulo sem ponto\nOutro parágrafo.',
     ['"Vamos votar."', "Depois... a sessão seguiu.", "Intertítulo sem ponto", "Outro parágrafo."]),
    ("id", "Bpk. Joko dari PT Bank Central Asia Tbk. menyebut Rp 1.200 triliun. Jl. Sudirman ditutup, dll. Selesai.",
     ["Bpk. Joko dari PT Bank Central Asia Tbk. menyebut Rp 1.200 triliun.", "Jl. Sudirman ditutup, dll. Selesai."]),
    # words that are not abbreviations end a sentence: "ibu" (mother), "ex" (a former partner)
    ("id", "Dia datang bersama ibu. Mereka lalu pulang.", ["Dia datang bersama ibu.", "Mereka lalu pulang."]),
    ("pt", "Ela encontrou o ex. Depois saiu, por ex. para o cinema.",
     ["Ela encontrou o ex.", "Depois saiu, por ex. para o cinema."]),
])
def test_sentences_do_not_end_at_decimals_abbreviations_or_initials(lang, text, expected):
    assert sentences(lang, text) == expected


def test_the_sentence_with_most_distinct_query_terms_is_shown_with_inflected_forms_marked():
    body = ("O ministro falou sobre o orçamento. Orçamento, orçamento e mais orçamento na pauta. "
            "Os deputados discutiram os orçamentos federais durante a tarde. Nada mais.")
    parts = snippet("pt", body, "orçamento federal")
    assert text_of(parts) == "Os deputados discutiram os orçamentos federais durante a tarde. Nada mais."
    assert marked(parts) == ["orçamentos", "federais"]


def test_ties_go_to_the_earliest_sentence_and_a_short_one_takes_its_neighbour():
    body = ("Primeira frase longa sem a palavra procurada, com bastante contexto para ocupar o espaço inteiro "
            "de um trecho de resultado de busca no site de notícias hoje.\n"
            "A chuva caiu. Foi forte.\nA chuva voltou no dia seguinte.")
    parts = snippet("pt", body, "chuva")
    assert text_of(parts) == "A chuva caiu. Foi forte."  # the following sentence, not across the line break
    assert marked(parts) == ["chuva"]


def test_a_long_sentence_is_cut_around_its_matches_with_an_ellipsis_where_cut():
    words = [f"palavra{n}" for n in range(80)]
    words[50] = "inflação"
    parts = snippet("pt", " ".join(words) + ".", "inflação")
    text = text_of(parts)
    shown = text.split()
    assert shown[0] == "…" and len(shown) - 1 == 36  # cut before; the sentence's own end is kept
    assert text.endswith("palavra79.")
    assert "palavra44 palavra45" in text and "palavra43" not in text  # a little context before the match
    assert marked(parts) == ["inflação"]
    words[50], words[20] = "palavra50", "inflação"
    text = text_of(snippet("pt", " ".join(words) + ".", "inflação"))
    assert text.startswith("… palavra14 ") and text.endswith(" …") and len(text.split()) == 38


def test_no_match_in_the_body_gives_nothing_so_the_lede_is_shown():
    assert snippet("pt", "O texto não fala do assunto.", "orçamento") is None
    assert snippet("pt", "", "orçamento") is None


def test_stop_words_and_other_words_are_never_marked_and_markup_stays_text():
    body = 'A <img src=x onerror="alert(1)"> chuva de março e a chuva de abril.'
    parts = snippet("pt", body, "a chuva de")
    assert marked(parts) == ["chuva", "chuva"]
    assert text_of(parts) == body


def test_indonesian_affixes_are_matched_in_the_body():
    body = "Pemerintah mengumumkan rencana baru. Peluncurannya ditunda hingga tahun depan karena cuaca."
    parts = snippet("id", body, "peluncuran")
    assert marked(parts) == ["Peluncurannya"]  # with the short sentence before it: its paragraph's only other one
    assert text_of(parts) == body


def test_two_short_sentences_with_different_words_beat_one_with_a_single_word():
    body = "O vento derrubou árvores no centro da cidade ontem. A chuva caiu. O vento voltou."
    parts = snippet("pt", body, "chuva vento")
    assert text_of(parts) == "O vento derrubou árvores no centro da cidade ontem. A chuva caiu."  # the earliest pair
    assert marked(parts) == ["vento", "chuva"]


def test_a_word_being_typed_marks_the_words_it_begins_accents_aside_but_never_a_stop_word():
    body = "Nas ruas, o desemprego caiu. A taxa de nascimentos também."
    assert marked(snippet("pt", body, "nas", typing=True)) == ["nascimentos"]  # "Nas" is a stop word
    assert snippet("pt", body, "nas") is None  # a whole stop word matches nothing
    body = "A licença da hidrelétrica saiu. Hidreletricidade é o tema."
    assert marked(snippet("pt", body, "hidrele", typing=True)) == ["hidrelétrica", "Hidreletricidade"]


def test_with_the_engine_a_word_being_typed_marks_only_words_beginning_with_its_letters(tmp_path):
    bodies = ["Angka pengangguran turun. Petani menanam anggur.", "Harga anggur naik di pasar."]
    typing, finished, both = searched(tmp_path, "id", bodies, "pengang", "pengangguran ", "harga pengang")
    # the engine searches the terms of the words "pengang" begins: pengangguran's is "anggur" (grape)...
    assert "anggur" in typing["matchedTerms"]
    # ...but a reader who typed "pengang" sees only the words that begin so marked; the story found
    # through the shared term shows its lede
    assert typing["results"] == {"Story 0": ["pengangguran"], "Story 1": None}
    # a finished word marks every word of its term, as the search found them: the stemmer's root
    assert finished["results"] == {"Story 0": ["pengangguran", "anggur"], "Story 1": ["anggur"]}
    assert both["results"] == {"Story 0": ["pengangguran"], "Story 1": ["Harga"]}


def test_with_the_engine_a_finished_word_it_backed_off_marks_the_indexed_words_found(tmp_path):
    bodies = ["O orçamento foi aprovado ontem. A Câmara votou.", "Chuva forte no litoral."]
    finished, typing = searched(tmp_path, "pt", bodies, "orçamentozzz ", "orçamex")
    assert finished["matchedTerms"] == ["orcament"]
    assert finished["results"] == {"Story 0": ["orçamento"]}
    # a word being typed that begins no written word keeps its stories (the engine's back-off) but
    # marks nothing: they show their ledes
    assert typing["results"] == {"Story 0": None}


def test_titles_and_ledes_mark_every_matched_word():
    parts = run("pt", {"op": "mark", "text": "Gerações   e situação", "query": "geração situacao "})[0]
    assert parts == [{"text": "Gerações", "mark": True}, {"text": " e ", "mark": False},
                     {"text": "situação", "mark": True}]
