"""The command `make html` runs: exit code and messages as an editor sees them."""

import os
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


def test_builds_from_the_command_line_keep_what_the_next_one_reuses(tmp_path):
    """Plugins reach plugins/incremental's state folder as Pelican loads them, not through the unit
    tests' sys.path: each keeps its files there when builds run as an editor runs them (the output
    checks keep what they read in the files a rebuild left as they were: a second build)."""
    state = tmp_path / "state"
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "pelican", "content", "-o", str(tmp_path / "out"), "-s", "pelicanconf.py"],
            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NEWSROOM_BUILD_CACHE": str(state)},
        )
        assert result.returncode == 0, result.stdout + result.stderr
    (folder,) = state.iterdir()  # one build key
    kept = {path.name for path in folder.iterdir()}
    assert {"translation_status", "output-checks.pickle", "live-folders.pickle",
            "search-pt-work.pickle", "search-id-work.pickle", "cards"} <= kept, sorted(kept)
