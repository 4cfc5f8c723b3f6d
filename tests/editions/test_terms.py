from editions.terms import match_terms


def test_identical_slugs_match_first_then_the_remaining_by_co_occurrence():
    pairs = [({"inteligencia-artificial", "xai", "grok"}, {"kecerdasan-buatan", "xai", "grok"})]
    assert match_terms(pairs) == {
        "xai": "xai",
        "grok": "grok",
        "inteligencia-artificial": "kecerdasan-buatan",
    }


def test_majority_wins_over_a_single_odd_pair():
    pairs = [({"tecnologia"}, {"teknologi"})] * 3 + [({"tecnologia"}, {"ekonomi"})]
    pairs += [({"economia"}, {"ekonomi"})] * 2
    assert match_terms(pairs) == {"tecnologia": "teknologi", "economia": "ekonomi"}


def test_ties_are_left_unmatched_rather_than_guessed():
    pairs = [({"a", "b"}, {"x", "y"})]
    assert match_terms(pairs) == {}


def test_mapping_is_one_to_one():
    pairs = [({"a"}, {"x"}), ({"b"}, {"x"}), ({"b"}, {"x"})]
    mapping = match_terms(pairs)
    assert mapping == {"b": "x"}
    assert len(set(mapping.values())) == len(mapping)


def test_no_pairs_no_matches():
    assert match_terms([]) == {}
