"""Pairing on text written as real newsrooms write it: names adapted, accents, dates and figures in each
language's own form, one version with a paragraph more, same-topic stories that are not translations.

The stories below are invented for these tests. The real-news check at the end reads ../shared/realnews
where it lies (never copied here) and pairs it the way bench/realnews_pairing.py does.
"""

import sys
from datetime import datetime

from hypothesis import given, settings, strategies as st

from importer.anchors import extract_anchors, number_key
from importer.pairing import PairingItem, PairingRules, near_names, propose_pairs, score_candidates
from importer.spelling import spelling_key

from support import REALNEWS, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import realnews_pairing  # noqa: E402

LOCALES = ("pt_BR", "id_ID")

CLINICS_PT = """Japão e Moçambique assinam acordo de 1,6 trilhão de ienes para clínicas rurais
A ministra da Saúde de Moçambique, Armanda Quelimane, e o embaixador do Japão, Kenji Otsubo, assinaram \
na quarta-feira (5) em Maputo um acordo de cooperação para a construção de 240 clínicas rurais.
Segundo o comunicado, o financiamento da Agência de Cooperação Internacional do Japão (JICA) soma 1,6 \
trilhão de ienes, cerca de 10,3 bilhões de dólares, a ser desembolsado até 2029.
Quelimane disse que as clínicas vão atender 390 mil famílias nas províncias de Niassa e Cabo Delgado, onde \
a mortalidade infantil chega a 7,5%.
Otsubo lembrou que a primeira missão médica japonesa chegou a Moçambique em 5 de junho de 1994.
O acordo ainda precisa ser aprovado pela Assembleia da República, que se reúne de novo em agosto."""

# The same story in Indonesian, without the closing paragraph on parliament.
CLINICS_ID = """Jepang dan Mozambik Teken Perjanjian Klinik Pedesaan Senilai 1,6 Triliun Yen
Menteri Kesehatan Mozambik Armanda Quelimane dan Duta Besar Jepang Kenji Otsubo menandatangani perjanjian \
kerja sama pembangunan 240 klinik pedesaan di Maputo pada Rabu (5/6/2024).
Menurut pernyataan tersebut, pendanaan dari Badan Kerja Sama Internasional Jepang (JICA) mencapai 1,6 \
triliun yen, atau sekitar 10,3 miliar dolar AS, yang akan dicairkan hingga 2029.
Quelimane mengatakan klinik-klinik itu akan melayani 390.000 keluarga di Provinsi Niassa dan Cabo Delgado, \
tempat angka kematian bayi mencapai 7,5 persen.
Otsubo mengingatkan bahwa misi medis Jepang pertama tiba di Mozambik pada 5 Juni 1994."""

MARKETS_PT = """Bolsa de Tóquio sobe com o balanço da Sony
O índice Nikkei da Bolsa de Tóquio fechou em alta de 1.20% nesta sexta-feira (12), aos 38.451,7 pontos, \
puxado pelas ações da Sony e da Toyota.
A Sony informou lucro de 2.345,6 bilhões de ienes no ano fiscal, acima do previsto por analistas da Nomura.
Em Nova Iorque, o Dow Jones abriu em queda de 0.35%, pressionado pela Boeing.
O presidente da Sony, Hiroki Totoki, disse que a divisão de jogos deve vender 18 milhões de consoles."""

MARKETS_ID = """Bursa Tokyo Naik Berkat Laporan Keuangan Sony
Indeks Nikkei di Bursa Tokyo ditutup menguat 1,20 persen pada Jumat (12/7/2024) di level 38.451,7, \
didorong saham Sony dan Toyota.
Sony melaporkan laba sebesar 2.345,6 miliar yen pada tahun fiskal, di atas perkiraan analis Nomura.
Di New York, Dow Jones dibuka melemah 0,35 persen, tertekan oleh Boeing.
Presiden Sony Hiroki Totoki mengatakan divisi gim diperkirakan menjual 18 juta konsol."""

# Same event as the clinics story, written independently in each language: the same people and places,
# other facts, another order. Neither translates the other, nor the clinics story.
PROTEST_PT = """Enfermeiros protestam em Maputo contra atrasos nas clínicas
Cerca de 600 enfermeiros marcharam nesta segunda-feira (10) em Maputo para exigir salários atrasados desde \
março, dias depois de o governo de Moçambique anunciar o acordo com a JICA.
O sindicato afirma que 3.200 profissionais esperam pagamento em Nampula e Tete.
A ministra Armanda Quelimane recebeu uma comissão de 12 grevistas e prometeu uma resposta até 30 de junho.
O embaixador Kenji Otsubo não comentou o protesto."""

BUDGET_ID = """JICA Tambah Anggaran Afrika Timur
Badan Kerja Sama Internasional Jepang (JICA) menambah anggaran untuk Afrika Timur sebesar 14 persen pada \
2025, kata juru bicara JICA Hana Morioka di Tokyo, Selasa (18/6/2024).
Tambahan terbesar mengalir ke Kenya dan Tanzania, sementara Mozambik menerima 85 miliar yen.
Morioka menyebut proyek kesehatan Mozambik yang diteken Kenji Otsubo dan Armanda Quelimane sebagai contoh.
Anggaran itu masih menunggu persetujuan parlemen Jepang pada 28 Juni."""


def item(ident, text, lang, date=None, key=None):
    return PairingItem(ident, lang, date, key, extract_anchors(text, LOCALES))


def newsroom():
    """All the stories above: rarity weights need more than the two articles being compared."""
    return [item("clinics-pt", CLINICS_PT, "pt"), item("clinics-id", CLINICS_ID, "id"),
            item("markets-pt", MARKETS_PT, "pt"), item("markets-id", MARKETS_ID, "id"),
            item("protest-pt", PROTEST_PT, "pt"), item("budget-id", BUDGET_ID, "id")]


def pairs(items, rules=PairingRules()):
    matches, ambiguities = propose_pairs(items, ["pt", "id"], rules)
    return {(m.first, m.second) for m in matches}, ambiguities


def keys_of(text):
    return set(extract_anchors(text, LOCALES))


def test_adapted_names_and_loanwords_get_one_spelling():
    for portuguese, indonesian in [("Tóquio", "Tokyo"), ("Moçambique", "Mozambik"), ("Indonésia", "Indonesia"),
                                   ("Iorque", "York"), ("Filipinas", "Filipina"), ("Tailândia", "Thailand"),
                                   ("tecnologia", "teknologi"), ("economia", "ekonomi"), ("clínica", "klinik"),
                                   ("inflação", "inflasi"), ("universidade", "universitas"),
                                   ("conferência", "konferensi"), ("presidente", "presiden"), ("Rússia", "Rusia"),
                                   ("Zelenskyy", "Zelensky")]:
        assert spelling_key(portuguese) == spelling_key(indonesian), (portuguese, indonesian)
    # A translated name is no adapted one, and "São" is no "-são" ending.
    assert spelling_key("Japão") != spelling_key("Jepang")
    assert spelling_key("São") == spelling_key("Sao") != spelling_key("si")


def test_figures_are_compared_by_value_whatever_their_grouping():
    assert number_key("1.234,5") == number_key("1,234.5") == "1234.5"
    assert number_key("100.000") == number_key("100,000") == number_key("100000") == "100000"
    assert number_key("1,20") == number_key("1.20") == number_key("1.2") == "1.2"
    assert number_key("0,06") == "0.06" and number_key("007") == "7"
    assert keys_of("390 mil famílias") & keys_of("390.000 keluarga") == {"390000"}
    assert "20000" in keys_of("20 mil pessoas") & keys_of("20 ribu orang")
    assert "1600000000000" in keys_of("1,6 trilhão de ienes") & keys_of("1,6 triliun yen")
    assert "3000000000" in keys_of("3 mil milhões de pessoas") & keys_of("3 miliar orang")
    assert "7.5" in keys_of("chega a 7,5%.") & keys_of("mencapai 7,5 persen.")


def test_dates_and_weekdays_in_either_language_meet():
    written = [keys_of("chegou em 5 de junho de 1994."), keys_of("tiba pada 5 Juni 1994."),
               keys_of("Rabu (5/6/1994) pagi"), keys_of("em 1994-06-05")]
    for keys in written:
        assert {"@06-05", "1994"} <= keys
    # Portuguese news often gives only the weekday and the day: "quarta-feira (5)" is "Rabu (5/6/2024)".
    assert {"%2", "5"} <= keys_of("na quarta-feira (5) em Maputo") & keys_of("pada Rabu (5/6/2024) di Maputo")
    assert keys_of("às 7h17 da manhã") == keys_of("pada pukul 07.17 pagi") == {"7.17"}


def test_title_case_headlines_and_sentence_openers_are_no_names():
    keys = keys_of("Hujan Deras di Kyushu Dapat Sebabkan Tanah Longsor\nHujan deras melanda Kyushu pada Jumat.")
    assert spelling_key("Kyushu") in keys and "%4" in keys
    assert not {spelling_key(word) for word in ("Hujan", "Deras", "Dapat", "Sebabkan", "Tanah", "Longsor")} & keys
    # All in capitals: no names; acronyms in running text and Title Case lines are.
    assert keys_of("MENSAGEM NO DIA MUNDIAL DO AMBIENTE\nO relatório cita a ONU.") == {spelling_key("ONU")}
    assert spelling_key("KTT") in keys_of("Kishida Bertekad Lindungi Tatanan di KTT G7\nIa berbicara.")


def test_a_headline_counts_but_takes_no_part_in_the_order():
    anchors = extract_anchors("Toyota e Sony sobem\nA Toyota vendeu mais que a Nissan.", LOCALES)
    assert anchors == (spelling_key("Toyota"), spelling_key("Nissan"), spelling_key("Sony"))


def test_translations_pair_despite_adapted_names_other_date_forms_and_a_missing_paragraph():
    found, ambiguities = pairs(newsroom())
    assert found == {("clinics-pt", "clinics-id"), ("markets-pt", "markets-id")}
    assert ambiguities == []


def test_same_event_stories_written_independently_do_not_pair():
    # The protest and the budget stories share the clinics story's people and places, not its facts.
    without_clinics_id = [i for i in newsroom() if i.ident != "clinics-id"]
    found, ambiguities = pairs(without_clinics_id)
    assert found == {("markets-pt", "markets-id")}
    assert ambiguities == []
    without_clinics_pt = [i for i in newsroom() if i.ident != "clinics-pt"]
    assert pairs(without_clinics_pt) == ({("markets-pt", "markets-id")}, [])


def test_a_close_call_is_reported_with_both_files_and_scores_not_guessed():
    # The Indonesian desk filed the story twice, the second time with the date written differently.
    refiled = CLINICS_ID.replace("Rabu (5/6/2024)", "Rabu (5/6)")
    found, ambiguities = pairs(newsroom() + [item("clinics-id-2", refiled, "id")])
    assert found == {("markets-pt", "markets-id")}
    assert [a.ident for a in ambiguities] == ["clinics-pt"]
    candidates = dict(ambiguities[0].candidates)
    assert set(candidates) == {"clinics-id", "clinics-id-2"}
    assert all(PairingRules().min_score <= score <= 1 for score in candidates.values())


def test_a_story_quoting_only_part_of_the_other_still_pairs():
    # The Indonesian version stops after three of its four paragraphs; the Portuguese one has five.
    shortened = "\n".join(CLINICS_ID.splitlines()[:4])
    items = [item("clinics-id", shortened, "id") if i.ident == "clinics-id" else i for i in newsroom()]
    found, ambiguities = pairs(items)
    assert ("clinics-pt", "clinics-id") in found and ambiguities == []


def test_an_unknown_date_neither_helps_nor_hurts():
    dated = [item("clinics-pt", CLINICS_PT, "pt", date=datetime(2024, 6, 5)),
             item("clinics-id", CLINICS_ID, "id", date=None)]
    assert pairs(dated)[0] == {("clinics-pt", "clinics-id")}
    undated = [item("clinics-pt", CLINICS_PT, "pt"), item("clinics-id", CLINICS_ID, "id")]
    assert score_candidates(dated, ["pt", "id"], PairingRules()) == score_candidates(undated, ["pt", "id"],
                                                                                     PairingRules())


def test_facts_told_in_another_order_count_less():
    names = tuple(spelling_key(name) for name in ("Quelimane", "Otsubo", "Maputo", "Niassa", "Nampula", "Tete"))
    in_order = [PairingItem("a", "pt", None, None, names), PairingItem("b", "id", None, None, names)]
    shuffled = [PairingItem("a", "pt", None, None, names), PairingItem("b", "id", None, None, names[::-1])]
    same = score_candidates(in_order, ["pt", "id"], PairingRules())[("a", "b")]
    reversed_order = score_candidates(shuffled, ["pt", "id"], PairingRules())[("a", "b")]
    assert same == 1.0 and reversed_order < same / 2


def test_a_name_spelt_one_letter_apart_meets_its_only_near_name_in_the_other_language():
    pt, id_ = spelling_key("Ucrânia"), spelling_key("Ukraina")
    assert pt != id_
    spelling = near_names([("pt", (pt, "kiev")), ("id", (id_, "kiiv"))])
    assert spelling[("pt", pt)] == spelling[("id", id_)]
    assert ("pt", "kiev") not in spelling  # too short to tell from other names
    # Two near names in the other language: neither is chosen, and neither chooses it.
    assert near_names([("pt", ("kawasaki",)), ("id", ("kawasake", "kawasako"))]) == {}
    # A name both languages have is no misspelling of another.
    assert near_names([("pt", ("ukran", "ukrain")), ("id", ("ukrain",))]) == {}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZçÃ09/.,-'’ \n(%)hH") + [" de ", " mil ", "Senin", "١"]), max_size=60).map("".join))
def test_any_text_gives_anchors_without_error(text):
    anchors = extract_anchors(text, LOCALES)
    assert isinstance(anchors, tuple) and len(set(anchors)) == len(anchors)
    propose_pairs([PairingItem("a", "pt", None, None, anchors), PairingItem("b", "id", None, None, anchors)],
                  ["pt", "id"], PairingRules())


def test_real_news_pairs_with_no_false_pair_and_at_most_one_missed():
    """../shared/realnews: 111 excerpts paired in one run, distractors competing (bench/realnews_pairing.py)."""
    assert (REALNEWS / "corpus.jsonl").is_file(), f"{REALNEWS} is missing: clone the shared data beside the repository"
    data = realnews_pairing.read_realnews(REALNEWS)
    items, languages, rules = realnews_pairing.realnews_items(data.documents)
    matches, _ = propose_pairs(items, languages, rules)
    found = {frozenset((m.first, m.second)) for m in matches}
    truth = data.true_pairs
    assert len(truth) == 12
    assert found - truth.keys() == set(), "false pairs"
    assert len(found & truth.keys()) >= 11
    for couple in data.distractors:
        assert frozenset((couple["pt"], couple["id"])) not in found
