"""Translation pairing by what survives translation: true pairs, same-topic strangers, close calls."""

from datetime import datetime

from importer.anchors import extract_anchors
from importer.pairing import PairingItem, PairingRules, date_factor, propose_pairs
from importer.spelling import spelling_key

from support import SAMPLES, SEEDS

LOCALES = ("pt_BR", "id_ID")
FILES = {
    "seed-pt": SEEDS / "story-01.a.txt",
    "seed-id": SEEDS / "story-01.b.txt",
    "launch-pt": SAMPLES / "launch-pt.txt",
    "launch-id": SAMPLES / "launch-id.txt",
    "funding-id": SAMPLES / "funding-id.txt",
}


def item(name, text=None, key=None, date=None):
    text = text if text is not None else FILES[name].read_text("utf-8")
    return PairingItem(name, name.rsplit("-", 1)[1], date, key, extract_anchors(text, LOCALES))


def pairs(items):
    matches, ambiguities = propose_pairs(items, ["pt", "id"], PairingRules())
    return {(m.first, m.second) for m in matches}, ambiguities


def test_anchors_are_what_survives_translation():
    pt = set(extract_anchors(FILES["seed-pt"].read_text("utf-8"), LOCALES))
    id_ = set(extract_anchors(FILES["seed-id"].read_text("utf-8"), LOCALES))
    names = {spelling_key(name) for name in ("xAI", "Musk", "Anthropic")}
    assert {"grok3", "gpt4", "100000", "h100", "2024", "@01-02"} | names <= pt & id_
    assert spelling_key("IA") in pt - id_ and spelling_key("AI") in id_ - pt  # acronyms that translate differ
    assert not {spelling_key(word) for word in ("o", "modelo", "model", "de")} & (pt | id_)  # ordinary words


def test_true_pairs_are_found_among_same_topic_stories():
    found, ambiguities = pairs([item(name) for name in FILES])
    assert found == {("seed-pt", "seed-id"), ("launch-pt", "launch-id")}
    assert ambiguities == []


def test_same_topic_stories_without_their_translation_do_not_pair():
    # Grok 3, xAI, Musk and Colossus in all of them: still different stories.
    found, ambiguities = pairs([item("seed-pt"), item("launch-id"), item("funding-id")])
    assert found == set()
    assert ambiguities == []


def test_two_near_identical_candidates_are_reported_not_guessed():
    text = FILES["launch-pt"].read_text("utf-8")
    near_copy = text.replace("93,3%", "93%")
    found, ambiguities = pairs([item("launch-pt"), item("copy-pt", near_copy), item("launch-id")])
    assert found == set()
    assert [a.ident for a in ambiguities] == ["launch-id"]
    assert {name for name, _ in ambiguities[0].candidates} == {"launch-pt", "copy-pt"}


def test_a_keyed_story_missing_a_language_can_receive_it_but_a_complete_one_cannot():
    keyed = item("seed-pt", key="grok-delay")
    found, _ = pairs([keyed, item("seed-id")])
    assert found == {("seed-pt", "seed-id")}
    complete = [item("seed-pt", key="k"), item("launch-id", key="k"), item("seed-id")]
    assert pairs(complete)[0] == set()


def test_dates_far_apart_weaken_a_match_until_it_is_dropped():
    january, june = datetime(2025, 1, 3), datetime(2025, 6, 3)
    assert date_factor(january, datetime(2025, 1, 5), 30) == 1.0
    assert 0 < date_factor(january, datetime(2025, 1, 20), 30) < 1
    assert date_factor(january, june, 30) == 0.0
    found, _ = pairs([item("seed-pt", date=january), item("seed-id", date=june)])
    assert found == set()
