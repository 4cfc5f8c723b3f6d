"""`newsroom import` / `newsroom pair` end to end: files written, summary, exit codes, safety."""

import json
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from importer.cli import main, progress_bar
from importer.content_store import parse_article
from support import ROOT, SAMPLES, SEEDS, build, write_article

NEWSROOM = Path(sys.executable).parent / "newsroom"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def run(*args) -> int:
    return main(["--settings", str(ROOT / "pelicanconf.py"), *map(str, args)])


def articles(content: Path) -> dict[str, dict]:
    return {str(p.relative_to(content)): parse_article(p, p.read_text("utf-8")).metadata
            for p in sorted(content.rglob("*.md"))}


def test_seeds_import_as_a_translated_pair_and_the_site_builds(tmp_path):
    content = tmp_path / "content"
    result = subprocess.run(
        [str(NEWSROOM), "import", *sorted(map(str, SEEDS.glob("*.txt"))), "--content", str(content)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "2 imported, 0 updated, 0 unchanged, 0 skipped, 0 failed; 1 paired, 0 ambiguous" in result.stdout
    found = articles(content)
    assert sorted(meta["lang"] for meta in found.values()) == ["id", "pt"]
    keys = {meta["translation_key"] for meta in found.values()}
    assert len(keys) == 1 and None not in keys
    assert all(meta["needs_review"] == "title" for meta in found.values())
    assert "title derived from the lede" in result.stderr and "dated today" in result.stderr

    site = build(content, tmp_path / "output")
    pt_url = next(a["href"] for a in site.html("/pt/").select(".story-card__title a"))
    page = site.html(pt_url)
    assert page.select_one(".language-switcher a[hreflang=id]")["href"].startswith("/id/")
    # body paragraphs survive import and rendering exactly
    seed_lines = [l for l in (SEEDS / "story-01.a.txt").read_text("utf-8").splitlines() if l.strip()]
    assert [p.get_text() for p in page.select(".story__body p")] == seed_lines


def test_an_undated_file_is_dated_now_on_its_editions_clock(tmp_path):
    """Not midnight of the machine's (UTC) date, which is hours ahead in Brazil: the build would
    hold the story back as scheduled."""
    content = tmp_path / "content"
    assert run("import", SEEDS / "story-01.a.txt", "--content", content) == 0
    (meta,) = articles(content).values()
    zone = ZoneInfo("America/Sao_Paulo" if meta["lang"] == "pt" else "Asia/Jakarta")
    written = datetime.strptime(meta["date"], "%Y-%m-%d %H:%M").replace(tzinfo=zone)
    assert timedelta(0) <= datetime.now(zone) - written < timedelta(minutes=5), meta["date"]


def test_metadata_from_options_and_from_the_file(tmp_path, capsys):
    content = tmp_path / "content"
    assert run("import", SAMPLES / "launch-pt.txt", "--content", content, "--date", "2025-02-18",
               "--category", "Tecnologia", "--tags", "xAI, Grok") == 0
    (meta,) = articles(content).values()
    assert meta["title"] == "xAI lança o Grok 3 e diz que superou rivais em testes de matemática"
    assert "needs_review" not in meta
    assert meta["date"] == "2025-02-18 00:00"
    assert meta["category"] == "Tecnologia" and meta["tags"] == "xAI, Grok"
    assert meta["summary"].startswith("A xAI apresentou o Grok 3 na noite de 17 de fevereiro")
    assert meta["slug"] == "xai-lanca-o-grok-3-e-diz-que-superou-rivais-em-testes-de"

    assert run("import", SAMPLES / "article.html", SAMPLES / "with-metadata.md", "--content", content) == 0
    found = articles(content)
    html = next(m for m in found.values() if m["source"] == "article.html")
    assert html["title"] == "Chuvas alagam o centro de Recife" and html["date"] == "2025-03-14 07:30"
    markdown = next(m for m in found.values() if m["source"] == "with-metadata.md")
    assert markdown["date"] == "2025-02-05 18:40" and markdown["category"] == "Economia"


def test_a_dateline_in_plain_text_is_the_date_not_body(tmp_path):
    source = tmp_path / "nota.txt"
    source.write_text("Governo anuncia novo programa de habitação\n\n3 de março de 2025\n\n"
                      "O governo federal anunciou nesta segunda-feira um programa para construir casas "
                      "populares em todas as capitais do país, com recursos do orçamento deste ano.\n", "utf-8")
    content = tmp_path / "content"
    assert run("import", source, "--content", content, "--lang", "pt") == 0
    (path,) = content.rglob("*.md")
    article = parse_article(path, path.read_text("utf-8"))
    assert article.metadata["date"] == "2025-03-03 00:00"
    assert "3 de março de 2025" not in article.body


def assert_reimport_changes_nothing(content, capsys):
    before = {p: p.read_bytes() for p in content.rglob("*.md")}
    capsys.readouterr()
    assert run("import", *SEED_FILES, "--content", content, "--date", "2025-01-03") == 0
    assert "0 imported, 0 updated, 2 unchanged" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in content.rglob("*.md")} == before


def test_importing_twice_changes_nothing(tmp_path, capsys):
    content = tmp_path / "content"
    assert run("import", *SEED_FILES, "--content", content, "--date", "2025-01-03") == 0
    assert_reimport_changes_nothing(content, capsys)


def test_a_partner_imported_later_pairs_with_the_earlier_article_and_reimport_stays_unchanged(tmp_path, capsys):
    content = tmp_path / "content"
    assert run("import", SEEDS / "story-01.a.txt", "--content", content, "--date", "2025-01-03") == 0
    assert run("import", SEEDS / "story-01.b.txt", "--content", content, "--date", "2025-01-03") == 0
    keys = {meta["lang"]: meta.get("translation_key") for meta in articles(content).values()}
    assert keys["pt"] and keys["pt"] == keys["id"]
    assert_reimport_changes_nothing(content, capsys)


def test_an_edited_file_is_kept_unless_forced(tmp_path, capsys):
    content = tmp_path / "content"
    assert run("import", SAMPLES / "launch-pt.txt", "--content", content, "--date", "2025-02-18") == 0
    (path,) = content.rglob("*.md")
    edited = path.read_text("utf-8").replace("Title: xAI lança", "Title: A xAI lança")
    path.write_text(edited, "utf-8")
    capsys.readouterr()
    # same source: the editor's version stays
    assert run("import", SAMPLES / "launch-pt.txt", "--content", content, "--date", "2025-02-19") == 0
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "edited after import; use --force" in captured.err
    assert path.read_text("utf-8") == edited
    assert run("import", SAMPLES / "launch-pt.txt", "--content", content, "--date", "2025-02-19", "--force") == 0
    assert "1 updated" in capsys.readouterr().out
    assert "Title: xAI lança" in path.read_text("utf-8") and "Date: 2025-02-19" in path.read_text("utf-8")


def test_bad_files_are_reported_and_the_rest_of_the_batch_goes_on(tmp_path, capsys):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SEEDS / "story-01.b.txt", batch / "good.txt")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "latin1.txt").write_bytes("Notícia".encode("latin-1"))
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (batch / "huge.txt").write_bytes(b"palavra " * 700_000)
    (batch / "english.txt").write_text(
        "The government announced on Monday a new housing programme to build homes in every state "
        "capital, funded from this year's budget, officials said.", "utf-8")
    (batch / "notes.docx").write_bytes(b"PK\x03\x04")
    content = tmp_path / "content"
    assert run("import", batch, tmp_path / "missing.txt", "--content", content) == 1
    captured = capsys.readouterr()
    assert "1 imported, 0 updated, 0 unchanged, 1 skipped, 6 failed" in captured.out
    for name, reason in [("empty.txt", "empty file"), ("latin1.txt", "not valid UTF-8"),
                         ("binary.txt", "binary data"), ("huge.txt", "too large: 5.6 MB"),
                         ("english.txt", "looks like English"), ("missing.txt", "no such file"),
                         ("notes.docx", "unsupported file type")]:
        line = next(l for l in captured.err.splitlines() if name in l)
        assert reason in line, line
    assert [meta["lang"] for meta in articles(content).values()] == ["id"]


def test_lang_option_wins_over_detection(tmp_path):
    english = tmp_path / "english.txt"
    english.write_text("Short headline here\n\nThe government announced on Monday a new housing programme "
                       "for every state capital.", "utf-8")
    assert run("import", english, "--content", tmp_path / "content", "--lang", "id") == 0
    assert [m["lang"] for m in articles(tmp_path / "content").values()] == ["id"]


def test_json_report_and_dry_run(tmp_path, capsys):
    content = tmp_path / "content"
    (tmp_path / "empty.txt").write_text("")
    assert run("import", *SEED_FILES, tmp_path / "empty.txt", "--content", content, "--dry-run", "--json") == 1
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] is True
    assert report["summary"] == {"imported": 2, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 1}
    assert {f["lang"] for f in report["files"] if f["status"] == "imported"} == {"pt", "id"}
    assert len(report["pairs"]) == 1 and report["pairs"][0]["score"] > 0.5
    assert not content.exists() or not list(content.rglob("*.md"))


def test_pair_command_proposes_with_scores_then_writes_keys(tmp_path, capsys):
    content = tmp_path / "content"
    for name, lang in (("launch-pt", "pt"), ("launch-id", "id"), ("funding-id", "id")):
        body = (SAMPLES / f"{name}.txt").read_text("utf-8").split("\n\n", 1)[1]
        write_article(content, lang, name, title=name, body=body, date="2025-02-18 10:00")
    before = {p: p.read_bytes() for p in content.rglob("*.md")}
    assert run("pair", "--content", content, "--dry-run") == 0
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if l.startswith("pair:"))
    assert "launch-pt.md" in line and "launch-id.md" in line and "score 0." in line
    assert "funding-id" not in out.split("dry run")[0]
    assert {p: p.read_bytes() for p in content.rglob("*.md")} == before
    assert run("pair", "--content", content) == 0
    keys = {Path(name).stem: meta.get("translation_key") for name, meta in articles(content).items()}
    assert keys["launch-pt"] and keys["launch-pt"] == keys["launch-id"] and keys["funding-id"] is None


@pytest.mark.parametrize("args, message", [
    (["import", "x.txt", "--lang", "fr"], "--lang 'fr' is not a site language"),
    (["import", "x.txt", "--date", "03/01/2025"], "not a date in YYYY-MM-DD form"),
    (["frobnicate"], "invalid choice"),
])
def test_usage_errors_exit_2(args, message):
    result = subprocess.run([str(NEWSROOM), *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert message in result.stderr


def test_long_batches_on_a_terminal_get_a_progress_bar(monkeypatch):
    files = [Path(f"{n}.txt") for n in range(30)]
    assert progress_bar(files[:5]) == files[:5]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    bar = progress_bar(files)
    assert type(bar).__name__ == "tqdm" and list(bar) == files


def test_a_markdown_lang_field_the_site_lacks_fails_that_file(tmp_path, capsys):
    source = tmp_path / "fr.md"
    source.write_text("Title: Bonjour\nLang: fr\n\nUn texte en français.\n", "utf-8")
    assert run("import", source, "--content", tmp_path / "content") == 1
    assert "fr.md: Lang 'fr' is not a site language (pt, id)" in capsys.readouterr().err
