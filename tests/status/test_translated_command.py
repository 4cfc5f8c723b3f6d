"""`newsroom translated`: records the original's hash in the translation, touching nothing else;
refuses with a message naming the file and field. `newsroom import`/`pair` record it on new pairs."""

from __future__ import annotations

from importer.content_store import parse_article
from importer.translation_record import article_text_hash
from status_support import newsroom, newsroom_process, settings_with, story
from support import SEEDS


def translated(content, path, *args, **kwargs):
    return newsroom("translated", path, "--content", content, *args, **kwargs)


def record_of(path) -> str | None:
    return parse_article(path, path.read_text("utf-8")).metadata.get("translation_of")


def test_the_record_is_a_line_after_the_key_and_every_other_byte_stays(content_dir):
    original = story(content_dir, "pt", "original", key="k", body="Texto.")
    translation = content_dir / "id" / "terjemahan.md"
    translation.parent.mkdir()
    before = ("\ufeffTitle: Judul\r\nDate: 2025-01-03 09:00\r\nLang: id\r\nTranslation_Key: k\r\n"
              "Import_Sha256: 0000\r\n\r\nTeks.  \r\n").encode("utf-8")
    translation.write_bytes(before)
    run = translated(content_dir, translation)
    assert run.code == 0 and run.err == ""
    digest = article_text_hash(parse_article(original, original.read_text("utf-8")))[:12]
    assert translation.read_bytes() == before.replace(b"Translation_Key: k\r\n",
                                                      f"Translation_Key: k\r\nTranslation_Of: pt@{digest}\r\n".encode())
    assert f"marked: {translation}: Translation_Of pt@{digest} ({original})" in run.out

    # marked again after the original changed: only the value changes
    original.write_text(original.read_text("utf-8").replace("Texto.", "Texto novo."), "utf-8")
    changed = translation.read_bytes()
    assert translated(content_dir, translation).code == 0
    new_digest = article_text_hash(parse_article(original, original.read_text("utf-8")))[:12]
    assert translation.read_bytes() == changed.replace(digest.encode(), new_digest.encode())

    # nothing to do: the file is not rewritten
    stamp = translation.stat().st_mtime_ns
    run = translated(content_dir, translation)
    assert run.code == 0 and run.out.startswith("unchanged:") and translation.stat().st_mtime_ns == stamp


def test_a_dry_run_writes_nothing(content_dir):
    story(content_dir, "pt", "original", key="k")
    translation = story(content_dir, "id", "terjemahan", key="k")
    before = translation.read_bytes()
    run = translated(content_dir, translation, "--dry-run")
    assert run.code == 0 and run.out.startswith("would mark:") and translation.read_bytes() == before


def refusal(run, path, field, message):
    assert run.code == 1 and run.out == ""
    assert f"refused: {path}: {field}: {message}" in run.err, run.err


def test_refusals_name_the_file_and_the_field(content_dir, tmp_path):
    lone = story(content_dir, "id", "sendiri")
    refusal(translated(content_dir, lone), lone, "Translation_Key",
            "missing: give the translation its original's key first")
    alone = story(content_dir, "id", "tanpa-asli", key="solo")
    refusal(translated(content_dir, alone), alone, "Translation_Key",
            "no original: no other story has Translation_Key 'solo'")

    original = story(content_dir, "pt", "original", key="k")
    translation = story(content_dir, "id", "terjemahan", key="k")
    assert translated(content_dir, translation).code == 0
    refusal(translated(content_dir, original), original, "Translation_Of",
            "id/terjemahan.md records Translation_Of pt: this file is its original; mark id/terjemahan.md instead")

    story(content_dir, "pt", "outra", key="dup")
    story(content_dir, "pt", "mais-uma", key="dup")
    partner = story(content_dir, "id", "pasangan", key="dup")
    refusal(translated(content_dir, partner), partner, "Translation_Key",
            "2 pt stories share Translation_Key 'dup' (pt/mais-uma.md, pt/outra.md); keep one")

    outside = tmp_path / "elsewhere.md"
    outside.write_text("Title: x\nLang: id\nTranslation_Key: k\n\nx\n", "utf-8")
    run = translated(content_dir, outside)
    assert run.code == 1 and f"refused: {outside}: is not inside the content folder" in run.err

    for unchanged in (lone, alone, original, partner, outside):
        assert record_of(unchanged) is None


def test_a_story_in_three_languages_needs_the_original_named(content_dir, tmp_path):
    three = settings_with(tmp_path, 'LANGUAGES["en"] = {"name": "English", "locale": "en_GB", "prefix": "en"}')
    story(content_dir, "pt", "original", key="k")
    story(content_dir, "en", "original-en", key="k")
    translation = story(content_dir, "id", "terjemahan", key="k")
    refusal(translated(content_dir, translation, settings=three), translation, "Translation_Of",
            "ambiguous: Translation_Key 'k' has pt and en versions; name the original with --from pt")
    assert record_of(translation) is None
    assert translated(content_dir, translation, "--from", "en", settings=three).code == 0
    assert record_of(translation).startswith("en@")
    # once recorded, the file's own Translation_Of says which language is its original
    assert translated(content_dir, translation, settings=three).out.startswith("unchanged:")
    run = newsroom_process("translated", translation, "--content", content_dir, "--from", "fr", settings=three)
    assert run.code == 2 and "--from 'fr' is not a site language (pt, id, en)" in run.err


def test_a_new_pair_records_the_older_story_as_the_original(content_dir):
    # the Indonesian version is dated first: it is the original, whatever the site's first language
    assert newsroom("import", SEEDS / "story-01.a.txt", "--content", content_dir, "--date", "2025-01-05").code == 0
    assert newsroom("import", SEEDS / "story-01.b.txt", "--content", content_dir, "--date", "2025-01-03").code == 0
    pt, = (content_dir / "pt").glob("*.md")
    id_, = (content_dir / "id").glob("*.md")
    id_article = parse_article(id_, id_.read_text("utf-8"))
    assert record_of(pt) == f"id@{article_text_hash(id_article)[:12]}" and record_of(id_) is None
    # the stored Portuguese file got its key and record, and still counts as unedited (its hash is valid)
    assert not parse_article(pt, pt.read_text("utf-8")).edited
    report = newsroom("status", "--content", content_dir, "--json").json()
    assert [v["role"] for v in report["stories"][0]["versions"]] == ["translation", "original"]
    assert report["stories"][0]["flags"] == []
    # importing both again changes nothing
    before = {p: p.read_bytes() for p in content_dir.rglob("*.md")}
    assert newsroom("import", *sorted(SEEDS.glob("*.txt")), "--content", content_dir).code == 0
    assert {p: p.read_bytes() for p in content_dir.rglob("*.md")} == before


def test_on_the_same_date_the_sites_first_language_is_the_original(content_dir):
    assert newsroom("import", SEEDS / "story-01.b.txt", SEEDS / "story-01.a.txt", "--content", content_dir,
                    "--date", "2025-01-03").code == 0
    pt, = (content_dir / "pt").glob("*.md")
    id_, = (content_dir / "id").glob("*.md")
    assert record_of(pt) is None
    assert record_of(id_) == f"pt@{article_text_hash(parse_article(pt, pt.read_text('utf-8')))[:12]}"
    # after an edit of the Portuguese text, the Indonesian translation is stale
    pt.write_text(pt.read_text("utf-8").replace("Grok3", "Grok 3"), "utf-8")
    report = newsroom("status", "--content", content_dir, "--json").json()
    assert report["stories"][0]["flags"] == ["stale"]
