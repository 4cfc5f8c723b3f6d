"""`newsroom status`: each flag, exit codes with --fail-on, the JSON layout, unreadable files."""

from __future__ import annotations

import re

import pytest

from status_support import ago, flags_of, newsroom, newsroom_process, settings_with, story


def status(content, *args, **kwargs):
    return newsroom("status", "--content", content, *args, **kwargs)


def test_a_story_in_one_language_is_missing_only_once_older_than_the_setting(content_dir):
    story(content_dir, "pt", "velha", date=ago(hours=30))
    story(content_dir, "pt", "nova", date=ago(hours=2))
    story(content_dir, "id", "pasangan", key="par", date=ago(hours=72))
    story(content_dir, "pt", "par", key="par", date=ago(hours=72))
    report = status(content_dir, "--json").json()
    assert flags_of(report) == {"velha.md": ["missing"], "nova.md": [], "par": []}
    old = next(s for s in report["stories"] if s["flags"])
    assert old["missing"] == ["id"] and old["languages"] == ["pt"]

    # TRANSLATION_MISSING_AFTER decides: with one hour, the two-hour-old story is missing too
    one_hour = settings_with(content_dir.parent, "TRANSLATION_MISSING_AFTER = timedelta(hours=1)")
    assert flags_of(status(content_dir, "--json", settings=one_hour).json())["nova.md"] == ["missing"]


def test_a_story_with_only_drafts_or_in_every_language_is_not_missing(content_dir):
    story(content_dir, "pt", "rascunho", date=ago(days=5), extra="\nStatus: draft")
    story(content_dir, "pt", "traduzida", key="k", date=ago(days=5))
    story(content_dir, "id", "diterjemahkan", key="k", date=ago(days=5), extra="\nStatus: draft")
    assert flags_of(status(content_dir, "--json").json()) == {"rascunho.md": [], "k": []}


def test_a_translation_goes_stale_when_its_originals_text_changes_not_its_bookkeeping(content_dir):
    original = story(content_dir, "pt", "original", key="k", title="Chuva forte", body="Choveu muito.")
    translation = story(content_dir, "id", "terjemahan", key="k", title="Hujan deras", body="Hujan turun.")
    assert newsroom("translated", translation, "--content", content_dir).code == 0
    assert flags_of(status(content_dir, "--json").json()) == {"k": []}

    # Modified, Date, Tags, Slug: not the text a translator translates
    text = original.read_text("utf-8")
    original.write_text(text.replace("Date: 2025-01-03 09:00", "Date: 2025-01-04 10:00\nModified: 2025-01-05 10:00\n"
                                     "Tags: Chuva"), "utf-8")
    assert flags_of(status(content_dir, "--json").json()) == {"k": []}

    for edit in (("Choveu muito.", "Choveu muito mais."), ("Title: Chuva forte", "Title: Chuva fortíssima"),
                 ("Tags: Chuva", "Tags: Chuva\nSummary: Um resumo novo.")):
        original.write_text(original.read_text("utf-8").replace(*edit), "utf-8")
        run = status(content_dir, "--json")
        assert flags_of(run.json()) == {"k": ["stale"]}, edit
        (pt, id_) = run.json()["stories"][0]["versions"]
        assert (pt["role"], id_["role"], id_["flags"], id_["original"]) == ("original", "translation", ["stale"],
                                                                           str(original))
        assert newsroom("translated", translation, "--content", content_dir).code == 0
        assert flags_of(status(content_dir, "--json").json()) == {"k": []}


def test_an_orphan_is_a_translation_whose_original_is_gone(content_dir):
    original = story(content_dir, "pt", "original", key="k")
    translation = story(content_dir, "id", "terjemahan", key="k")
    assert newsroom("translated", translation, "--content", content_dir).code == 0
    original.unlink()
    story(content_dir, "id", "tanpa-kunci", record="pt@0123456789ab")  # a record but no key to find it by
    run = status(content_dir)
    # only in Indonesian now, and long ago: missing its Portuguese version too
    assert flags_of(status(content_dir, "--json").json()) == {"k": ["missing", "orphan"],
                                                              "tanpa-kunci.md": ["missing", "orphan"]}
    assert re.search(r"orphan: \S*terjemahan\.md: Translation_Of names pt, but no pt version has "
                     r"Translation_Key 'k'", run.out)
    assert re.search(r"orphan: \S*tanpa-kunci\.md: Translation_Of names pt, but the file has no Translation_Key",
                     run.out)


def test_two_versions_with_the_same_key_and_language_are_a_conflict(content_dir):
    story(content_dir, "pt", "a", key="k")
    story(content_dir, "pt", "b", key="k")
    story(content_dir, "id", "c", key="k")
    run = status(content_dir, "--json")
    (found,) = run.json()["stories"]
    assert found["flags"] == ["conflict"] and found["conflict"] == ["pt"]
    human = status(content_dir).out
    assert "2 files" in human  # the table's pt cell
    assert (f"conflict: {content_dir / 'pt' / 'a.md'}: 2 pt versions share Translation_Key 'k' (pt/a.md, pt/b.md); "
            "the site links only the first") in human


def test_fail_on_sets_the_exit_status_for_the_listed_flags_only(content_dir):
    story(content_dir, "pt", "original", key="k", body="Antes.")
    translation = story(content_dir, "id", "terjemahan", key="k")
    newsroom("translated", translation, "--content", content_dir)
    story(content_dir, "pt", "original", key="k", body="Depois.")  # stale now
    assert status(content_dir).code == 0  # flags alone are a report, not a failure
    assert status(content_dir, "--fail-on", "missing,orphan,conflict").code == 0
    failing = status(content_dir, "--fail-on", "missing,stale")
    assert failing.code == 1 and "failing: stale" in failing.err
    assert status(content_dir, "--fail-on", "stale", "--json").code == 1


def test_an_unknown_flag_is_a_usage_error_that_names_it(content_dir):
    run = newsroom_process("status", "--content", content_dir, "--fail-on", "stale,outdated")
    assert run.code == 2
    assert "--fail-on: unknown flag 'outdated': choose among missing,stale,orphan,conflict" in run.err
    assert "Traceback" not in run.err


def test_the_json_layout(content_dir):
    story(content_dir, "pt", "original", key="k", title="Título", date="2025-01-03 09:00")
    translation = story(content_dir, "id", "terjemahan", key="k", title="Judul", date="2025-01-03 23:00")
    newsroom("translated", translation, "--content", content_dir)
    story(content_dir, "pt", "sozinha", date="2025-01-02 09:00")
    report = status(content_dir, "--json").json()
    assert set(report) == {"languages", "missing_after_hours", "checked_at", "summary", "stories", "problems"}
    assert report["languages"] == ["pt", "id"] and report["missing_after_hours"] == 24
    assert report["summary"] == {"stories": 2, "missing": 1, "stale": 0, "orphan": 0, "conflict": 0,
                                 "unrecorded": 0, "problems": 0}
    keyed, lone = report["stories"]  # newest first
    assert set(keyed) == {"key", "flags", "languages", "missing", "conflict", "first_date", "versions", "notes"}
    assert (keyed["key"], keyed["languages"], keyed["first_date"]) == ("k", ["pt", "id"], "2025-01-03T09:00:00-03:00")
    pt, id_ = keyed["versions"]
    assert set(pt) == {"file", "lang", "title", "date", "status", "role", "text_sha256", "translation_of",
                       "original", "flags"}
    assert (pt["lang"], pt["title"], pt["status"], pt["role"], pt["translation_of"]) == \
        ("pt", "Título", "published", "original", None)
    assert id_["date"] == "2025-01-03T23:00:00+07:00"  # the edition's zone (LANGUAGES timezone)
    assert id_["translation_of"] == {"lang": "pt", "sha256": pt["text_sha256"][:12]}
    assert re.fullmatch(r"[0-9a-f]{64}", pt["text_sha256"]) and id_["original"] == pt["file"]
    assert lone["key"] is None and lone["missing"] == ["id"] and lone["versions"][0]["role"] == "only"
    assert lone["notes"] == [{"flag": "missing", "file": lone["versions"][0]["file"],
                              "message": lone["notes"][0]["message"]}]
    assert re.fullmatch(r"no id version, \d+ days after its Date", lone["notes"][0]["message"])


def test_the_table_fits_80_columns(content_dir):
    story(content_dir, "pt", "uma-materia-com-um-nome-de-arquivo-muito-longo-que-nao-cabe-na-coluna",
          date=ago(days=3))
    story(content_dir, "pt", "a", key="2025-01-chave-de-traducao-de-uma-materia-bem-comprida", date=ago(days=3))
    story(content_dir, "id", "b", key="2025-01-chave-de-traducao-de-uma-materia-bem-comprida", date=ago(days=3))
    run = newsroom_process("status", "--content", content_dir)
    table = run.out.splitlines()[:3]
    assert all(len(line) <= 80 for line in table), table
    assert [line.split() for line in table] == [
        ["story", "pt", "id", "flags"],
        ["2025-01-chave-de-traducao-de-uma-materia-bem-c…", "unrecorded", "unrecorded"],
        ["pt/uma-materia-com-um-nome-de-arquivo-muito-lo…", "only", "-", "missing"],
    ]
    # aligned: each column starts at the same place on every row
    assert {line.index("pt ") for line in table[:1]} == {line.index(word) for line, word in
                                                         zip(table[1:], ["unrecorded", "only"])}
    assert len({line.index(word, 50) for line, word in zip(table, ["id", "unrecorded", "-"])}) == 1


@pytest.mark.parametrize("content_text, field, message", [
    (b"Title: x\nDate: 2025-01-03\nLang: pt\n\n\xe1 body\n", None, "cannot read: not valid UTF-8 at line 5"),
    (b"Title: x\nDate: 2025-01-03\nLang: pt\nTranslation_Key: k\nTranslation_Of: pt-1234\n\nb\n", "Translation_Of",
     "'pt-1234' is not LANG@HASH"),
    (b"Title: x\nDate: 2025-01-03\nLang: id\nTranslation_Key: k\nTranslation_Of: id@0123456789ab\n\nb\n",
     "Translation_Of", "names the file's own language (id)"),
    (b"Title: x\nDate: soon\nLang: pt\n\nb\n", "Date", "'soon' is not a date"),
    (b"Title: x\nDate: 2025-01-03\nLang: xx\n\nb\n", "Lang", "'xx' is not a site language (pt, id)"),
    (b"Title: x\nDate: 2025-01-03\n\nb\n", "Lang", "missing"),
])
def test_a_file_that_cannot_be_read_is_named_with_its_field_and_no_traceback(content_dir, content_text, field, message):
    story(content_dir, "pt", "boa", key="k")
    story(content_dir, "id", "baik", key="k")
    bad = content_dir / "pt" / "ruim.md"
    bad.write_bytes(content_text)
    run = newsroom_process("status", "--content", content_dir)
    assert run.code == 1 and "Traceback" not in run.err
    where = f"{bad}: {field}" if field else str(bad)
    assert f"problem: {where}: {message}" in run.err
    report = newsroom_process("status", "--content", content_dir, "--json")
    assert report.code == 1
    (problem,) = report.json()["problems"]
    assert problem["file"] == str(bad) and problem["field"] == field and problem["message"].startswith(message)
    assert "k" in flags_of(report.json())  # the readable stories are still reported


def test_pages_are_not_stories(content_dir):
    (content_dir / "pages" / "pt").mkdir(parents=True)
    (content_dir / "pages" / "pt" / "sobre.md").write_text("Title: Sobre\nLang: pt\nTranslation_Key: about\n\nx\n")
    story(content_dir, "pt", "a", key="k")
    story(content_dir, "id", "b", key="k")
    report = status(content_dir, "--json").json()
    assert [s["key"] for s in report["stories"]] == ["k"] and report["problems"] == []
