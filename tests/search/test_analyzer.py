"""The analyzer: what a reader types becomes the same term as what the story says."""

import pytest
import snowballstemmer

from search.analyzer import STEM_ENDINGS, STEMS, WORDS, analyzer_config, analyzer_for, fold, tokenize


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


def different_terms(lang, *words):
    terms = [analyzer_for(lang).term(word) for word in words]
    return len(set(terms)) == len(terms) and None not in terms


@pytest.mark.parametrize("words", [
    ("ambiente", "ambiental", "ambientalista", "ambientalistas"),
    ("chuva", "chuvoso", "chuvosa"), ("fama", "famoso"),
    ("banco", "bancário", "bancária"),
    ("necessidade", "necessário", "necessária"),
    ("votos", "votação", "votacao", "votações"),
    ("campeã", "campeãs", "campeão", "campeões"),
    ("turismo", "turista"),
    ("natureza", "natural", "naturais"),
])
def test_portuguese_derivations_meet_the_noun_they_come_from(words):
    assert same_term("pt", *words)


@pytest.mark.parametrize("words", [
    ("general", "gênero"), ("formação", "forma"), ("ligação", "liga"),
    ("primário", "primo"), ("secretário", "secreto"), ("temporal", "temporada"),
    ("digital", "dígito"), ("informal", "informou"), ("situação", "situado"),
])
def test_portuguese_words_that_only_look_derived_stay_apart(words):
    assert different_terms("pt", *words)


@pytest.mark.parametrize("words", [
    ("mengembangkan", "pengembangan", "dikembangkan", "berkembang"),  # meN-/peN- before a k-root
    ("mengirimkan", "dikirim"), ("mengumpulkan", "berkumpul"), ("mengonsumsi", "dikonsumsi"),
    ("perawat", "perawatan", "dirawat", "merawat"),  # pe- before an r-root, not per-
    ("keluar", "dikeluarkan", "mengeluarkan"), ("kelola", "dikelola", "mengelola", "pengelolaan"),
    ("kendali", "mengendalikan", "dikendalikan"), ("beragam", "ragam"),
    ("peretas", "diretas"), ("perumahan", "rumah"),
    ("menerbitkan", "diterbitkan", "terbitkan"),  # meN- before a t-root, ter- read as a prefix
    ("nilai", "menilai", "bernilai", "dinilai"),  # -i trimmed on one side of ber- only
    ("damai", "berdamai", "perdamaian"), ("mulai", "memulai", "dimulai"),
    ("berita", "beritanya", "pemberitaan"), ("menteri", "menterinya", "kementerian"),
    ("sekolah", "sekolahnya", "bersekolah"), ("perintah", "memerintahkan", "diperintahkan"),
    ("pemerintah", "pemerintahan", "pemerintahnya"), ("membatasi", "batas", "pembatasan"),
    ("pantai", "berpantai", "pantainya"), ("keramaian", "ramai"), ("bersantai", "santai"),
    ("normalisasi", "normal"), ("globalisasi", "global"), ("perfilman", "film"),
])
def test_indonesian_affixes_snowball_reads_wrongly_meet(words):
    assert same_term("id", *words)


@pytest.mark.parametrize("words", [
    ("perdana", "dana"), ("berikan", "ikan"), ("beruang", "uang"), ("Merapi", "rapi"), ("terapi", "api"),
    ("direktur", "rektor"), ("pemilu", "pilu"), ("pesawat", "sawat"), ("ketua", "tua"),
    ("kemeja", "meja"), ("divisi", "visi"), ("perlahan", "lahan"), ("mengawal", "awal"),
    ("mengenang", "renang"), ("menteri", "teri"), ("perilaku", "nilai"), ("pemerintah", "perintah"),
    ("organisasi", "organ"), ("Megawati", "gawat"),
])
def test_indonesian_roots_and_names_that_start_like_a_prefix_stay_whole(words):
    assert different_terms("id", *words)


def test_the_rule_tables_reach_the_browser_through_the_config():
    config = analyzer_config("id").as_json()
    assert ["berita", "berita"] in config["words"] and "nya" in config["wordEndings"]
    assert ["embang", "kembang"] in config["stems"] and ["isasi", "", 4] in config["stemEndings"]
    english = analyzer_config("en").as_json()
    assert english["words"] == english["stems"] == english["stemEndings"] == english["wordEndings"] == []


def test_words_with_digits_skip_the_rule_tables():
    assert analyzer_for("id").term("G7") == "g7" and analyzer_for("pt").term("H100") == "h100"


def test_every_fixed_word_is_one_snowball_would_change():
    stemmer = snowballstemmer.stemmer("indonesian")
    assert [word for word, term in WORDS["id"].items() if stemmer.stemWord(word) == term] == []


def test_every_kept_stem_is_one_a_stem_ending_rule_would_change():
    kept = {lang: [stem for stem, term in table.items() if stem == term] for lang, table in STEMS.items()}
    dead = {lang: [stem for stem in stems if not any(
        stem.endswith(ending) and len(stem) - len(ending) >= shortest for ending, _, shortest in STEM_ENDINGS[lang])]
        for lang, stems in kept.items()}
    assert dead == {"pt": [], "id": []}
