"""Property tests: arbitrary input never crashes the importer, and paths stay valid and unique."""

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from importer.content_store import parse_article, render_article
from importer.headlines import derive_headline, looks_like_headline, make_slug
from importer.pairing import PairingItem, PairingRules, propose_pairs
from importer.sources import SourceError, read_source
from pelican.settings import DEFAULT_CONFIG
from search.analyzer import analyzer_for

SUBSTITUTIONS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
SLUG = re.compile(r"[a-z0-9]+(?:[-_]+[a-z0-9]+)*")
SOME_TEXT = st.text(st.characters(codec="utf-8"), max_size=300)


@given(st.lists(SOME_TEXT, min_size=1, max_size=30))
def test_slugs_are_valid_url_segments_and_never_shared(titles):
    taken: set[str] = set()
    for title in titles:
        slug = make_slug(title, SUBSTITUTIONS, taken)
        assert SLUG.fullmatch(slug), slug
        assert slug not in taken
        taken.add(slug)


@given(SOME_TEXT.filter(lambda t: t.strip()))
def test_headlines_derived_from_any_lede_are_short_single_lines(lede):
    headline = derive_headline(lede)
    assert "\n" not in headline and len(headline) <= 111
    looks_like_headline(headline)  # must not crash


@given(st.dictionaries(st.sampled_from(["Title", "Date", "Lang", "Slug", "Summary", "Tags"]), SOME_TEXT.map(
    lambda t: " ".join(t.split())), max_size=6), st.lists(SOME_TEXT.map(str.strip).filter(bool), min_size=1, max_size=4))
def test_what_the_importer_writes_reads_back_unedited(fields, paragraphs):
    text = render_article(list(fields.items()), [p.replace("\n\n", "\n") for p in paragraphs])
    article = parse_article(Path("x.md"), text)
    assert not article.edited
    for name, value in fields.items():
        if value:
            assert article.metadata[name.lower()] == value


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_are_imported_or_refused_with_a_reason(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"source{suffix}"
        path.write_bytes(data)
        try:
            source = read_source(path, 1_000_000)
        except SourceError as error:
            assert str(error)
        else:
            assert source.paragraphs and all(p.strip() for p in source.paragraphs)


ANCHORS = st.frozensets(st.sampled_from([f"name{n}" for n in range(12)] + ["2024", "@01-02", "gpt4"]), max_size=8)


@given(st.lists(st.tuples(st.sampled_from(["pt", "id", "en"]), ANCHORS, st.sampled_from([None, "k1", "k2"])),
                max_size=25))
def test_pairing_proposes_one_to_one_pairs_across_languages(specs):
    items = [PairingItem(f"a{n}", lang, None, key, anchors) for n, (lang, anchors, key) in enumerate(specs)]
    matches, ambiguities = propose_pairs(items, ["pt", "id", "en"], PairingRules())
    lang = {item.ident: item.lang for item in items}
    partners = set()
    for match in matches:
        assert lang[match.first] != lang[match.second]
        for ident, other in ((match.first, match.second), (match.second, match.first)):
            assert (ident, lang[other]) not in partners  # at most one partner per language
            partners.add((ident, lang[other]))
    for ambiguity in ambiguities:
        assert len(ambiguity.candidates) > 1


@given(SOME_TEXT, st.sampled_from(["pt", "id"]))
def test_the_analyzer_turns_any_text_into_clean_terms(text, lang):
    for term in analyzer_for(lang).terms(text):
        assert term and term == term.lower() and not re.search(r"\s", term)
