"""The command `make html` runs: exit code and messages as an editor sees them."""

import subprocess
import sys

from support import ROOT, write_article


def pelican(content, output):
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py"],
        cwd=ROOT, capture_output=True, text=True,
    )


def test_sample_site_builds_without_warnings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(tmp_path), "-s", "pelicanconf.py",
         "--fatal", "warnings"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "pt/index.html").is_file() and (tmp_path / "id/index.html").is_file()


def test_article_in_unknown_language_fails_the_build_naming_file_and_field(tmp_path):
    content = tmp_path / "content"
    path = write_article(content, "pt", "fr", title="Bonjour")
    path.write_text(path.read_text().replace("Lang: pt", "Lang: fr"))
    result = pelican(content, tmp_path / "out")
    assert result.returncode != 0
    output = " ".join((result.stdout + result.stderr).split())
    assert "fr.md" in output and "Lang 'fr'" in output
