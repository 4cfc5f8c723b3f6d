"""A broken content folder is refused as a whole, with every problem listed; output/ is kept."""

import filecmp
import json
import logging
import shutil
import subprocess
import sys
from datetime import datetime
from types import SimpleNamespace

import pytest

from editions.languages import editions_from_settings
from pelican.settings import read_settings
from support import ROOT, build, write_article
from validation.output_checks import SiteFiles, missing_everywhere
from validation.problems import BuildFailed

BROKEN = {
    "pt/sem-titulo.md": "Date: 2025-01-03\nLang: pt\n\nSem título.\n",
    "pt/titulo-vazio.md": "Title:\nDate: 2025-01-03\nLang: pt\n\nTítulo vazio.\n",
    "pt/data-ruim.md": "Title: Data ruim\nDate: ontem à tarde\nLang: pt\n\nData.\n",
    "pt/lingua.md": "Title: Língua\nDate: 2025-01-03\nLang: fr\n\nX.\n",
    "pt/um.md": "Title: Um\nDate: 2025-01-03\nLang: pt\nTranslation_Key: k1\n\nUm.\n",
    "pt/dois.md": "Title: Dois\nDate: 2025-01-03\nLang: pt\nTranslation_Key: k1\n\nDois.\n",
    "id/satu.md": "Title: Satu\nDate: 2025-01-03\nLang: id\nTranslation_Key: k1\n\nSatu.\n",
    "id/sendiri.md": "Title: Sendiri\nDate: 2025-01-03\nLang: id\nTranslation_Key: solo\n\nX.\n",
    "pt/mesmo-a.md": "Title: Mesmo\nSlug: mesmo\nDate: 2025-01-03\nLang: pt\n\nA.\n",
    "pt/mesmo-b.md": "Title: Mesmo B\nSlug: mesmo\nDate: 2025-01-04\nLang: pt\n\nB.\n",
    "pt/duas-vezes.md": "Title: Uma\nTitle: Outra\nDate: 2025-01-03\nLang: pt\n\nX.\n",
    "pt/duas-linguas.md": "Title: Duas\nDate: 2025-01-03\nLang: pt\nLang: id\n\nX.\n",
    "pt/link.md": "Title: Link\nDate: 2025-01-03\nLang: pt\n\n"
                  "Veja [isto](/pt/2025/01/nao-existe/) e [aquilo]({filename}/pt/inexistente.md).\n",
}
EXPECTED = [
    "content/pt/data-ruim.md: Date: 'ontem à tarde' is not a valid date",
    "content/pt/dois.md: Translation_Key: 'k1' is also used in 'pt' by content/pt/um.md",
    "content/pt/duas-linguas.md: Lang: given 2 times; keep one Lang line",
    "content/pt/duas-vezes.md: Title: given 2 times; keep one Title line",
    "content/pt/lingua.md: Lang: 'fr' is not a site language (pt, id)",
    "content/pt/link.md: link: /pt/2025/01/nao-existe/ leads to no page of the site",
    "content/pt/link.md: link: {filename}/pt/inexistente.md refers to a file that does not exist",
    "content/pt/mesmo-a.md: Slug: its page /pt/2025/01/mesmo/ is also the page of content/pt/mesmo-b.md",
    "content/pt/mesmo-b.md: Slug: its page /pt/2025/01/mesmo/ is also the page of content/pt/mesmo-a.md",
    "content/pt/sem-titulo.md: Title: missing",
    "content/pt/titulo-vazio.md: Title: empty",
    "content/pt/um.md: Translation_Key: 'k1' is also used in 'pt' by content/pt/dois.md",
]


def write_files(content, files):
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")


def test_every_problem_is_listed_with_its_file_and_the_previous_output_is_kept(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, BROKEN)
    output.mkdir()
    (output / "index.html").write_text("previous build")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py"],
        cwd=ROOT, capture_output=True, text=True, env={"COLUMNS": "250", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    printed = " ".join(result.stdout.split())
    for line in EXPECTED:
        assert line in printed, line
    assert "content/id/sendiri.md: Translation_Key: 'solo' has no translation yet" in printed  # a warning
    assert "Traceback" not in result.stdout + result.stderr
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "previous build"


def test_problems_are_available_to_callers(tmp_path):
    content = tmp_path / "content"
    write_files(content, BROKEN)
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "output")
    assert [str(p) for p in failure.value.problems] == EXPECTED


def test_a_one_language_key_is_only_a_warning(content_dir, build_site, caplog):
    # (a message other tests don't log: Pelican drops repeated log messages within one process)
    write_article(content_dir, "id", "tunggal", title="Tunggal", key="cuma-satu")
    with caplog.at_level(logging.WARNING):
        site = build_site(content_dir)
    assert site.exists("/id/2025/01/tunggal/")
    assert "content/id/tunggal.md: Translation_Key: 'cuma-satu' has no translation yet" in caplog.text


def test_a_problem_found_after_writing_also_keeps_the_previous_output(content_dir, tmp_path):
    write_article(content_dir, "pt", "a", title="A")
    output = tmp_path / "output"
    build(content_dir, output)
    before = (output / "pt/2025/01/a/index.html").read_text()
    write_article(content_dir, "pt", "b", title="B", body="Veja [a seção](/pt/2025/01/a/#nao-existe).")
    with pytest.raises(BuildFailed) as failure:
        build(content_dir, output)
    assert [str(p) for p in failure.value.problems] == [
        "content/pt/b.md: link: /pt/2025/01/a/#nao-existe leads nowhere"]
    assert not (output / "pt/2025/01/b").exists()
    assert (output / "pt/2025/01/a/index.html").read_text() == before
    (content_dir / "pt/b.md").unlink()
    build(content_dir, output)
    assert not (tmp_path / "output.partial").exists() and not (tmp_path / "output.previous").exists()


def test_the_output_check_names_every_place_an_article_is_missing_from(sample_site, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(sample_site.output, copy)
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    article = SimpleNamespace(
        lang="id", url="id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/", date=datetime(2025, 1, 3),
        source_path=str(ROOT / "content/id/grok-3-dari-xai-meleset-dari-target-2024.md"))
    editions = editions_from_settings(settings)
    assert missing_everywhere(SiteFiles(copy), [article], [], editions, settings) == []
    (copy / "id/index.html").write_text("<html><body>empty</body></html>")
    (copy / "sitemap.xml").write_text('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')
    for fragment in (copy / "search/id/display").glob("*.json"):
        fragment.write_text(json.dumps([]))
    shutil.rmtree(copy / article.url)
    problems = missing_everywhere(SiteFiles(copy), [article], [], editions, settings)
    assert sorted((p.source, p.field) for p in problems) == [
        ("content/id/grok-3-dari-xai-meleset-dari-target-2024.md", field)
        for field in ("listing", "page", "search", "sitemap")]


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    first, second = build(ROOT / "content", tmp_path / "one").output, build(ROOT / "content", tmp_path / "two").output
    comparison = filecmp.dircmp(first, second)

    def differences(cmp):
        found = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    files = [p for p in first.rglob("*") if p.is_file()]
    assert len(files) > 30
    for path in files:
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path
    assert differences(comparison) == []
