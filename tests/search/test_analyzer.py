"""The analyzer: what a reader types becomes the same term as what the story says."""

import pytest

from search.analyzer import analyzer_for, fold, tokenize


def same_term(lang, *words):
    terms = {analyzer_for(lang).term(word) for word in words}
    return len(terms) == 1 and None not in terms


def test_tokenizer_keeps_names_and_numbers_with_digits_whole():
    assert tokenize("GPT-4, Grok3 e 100.000 chips H100; 93,3% Claude3.5Opus") == [
        "GPT4", "Grok3", "e", "100000", "chips", "H100", "933", "Claude35Opus"]


def test_tokenizer_splits_word_compounds():
    assert tokenize("sexta-feira, angka-angka") == ["sexta", "feira", "angka", "angka"]


@pytest.mark.parametrize("words", [
    ("geração", "gerações", "geracao", "geracoes"),
    ("situação", "situações", "situacao", "situacoes"),
    ("eleição", "eleições", "eleicao"),
    ("preocupação", "preocupações", "preocupacao", "preocupacoes"),
    ("lançamento", "lancamento", "lançamentos"),
    ("jornal", "jornais"),
    ("papel", "papéis", "papeis"),
    ("alemão", "alemães"),
    ("atraso", "atrasos", "atrasado"),
])
def test_portuguese_inflections_plurals_and_missing_accents_meet(words):
    assert same_term("pt", *words)


@pytest.mark.parametrize("words", [
    ("peluncuran", "peluncurannya", "diluncurkan", "meluncurkan"),
    ("pelatihan", "dilatih", "melatih"),
    ("perusahaan", "perusahaannya"),
])
def test_indonesian_affixes_meet(words):
    assert same_term("id", *words)


def test_stop_words_are_dropped_with_or_without_accents():
    pt = analyzer_for("pt")
    assert pt.terms("não é a mesma coisa") == pt.terms("nao e a mesma coisa")
    assert pt.term("não") is None and pt.term("nao") is None
    assert analyzer_for("id").terms("yang dan di GPT-4") == ["gpt4"]


def test_short_words_keep_their_plural_like_endings():
    pt = analyzer_for("pt")
    assert pt.singular("mães") == "mães" and pt.singular("jornais") == "jornal"


def test_fold_removes_every_combining_mark():
    assert fold("ação çãõ éü Ñ") == "acao cao eu N"
