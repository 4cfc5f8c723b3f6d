"""A bad `Expires:` or schedule setting stops the build with a message naming the file and the field."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import ROOT, build, write_article
from validation.problems import BuildFailed

EXAMPLE = "(e.g. 2026-12-02 06:00, or 2026-12-02T06:00-03:00 with an offset)"


def test_every_bad_expires_is_listed_with_its_file_scheduled_stories_included(tmp_path):
    content = tmp_path / "content"
    write_article(content, "pt", "amanha", title="Amanhã", date="2025-06-01 09:00", extra="\nExpires: tomorrow")
    write_article(content, "pt", "antes", title="Antes", date="2025-06-01 09:00", extra="\nExpires: 2025-06-01 08:00")
    write_article(content, "pt", "duas", title="Duas", date="2025-06-01 09:00",
                  extra="\nExpires: 2025-07-01 08:00\nExpires: 2025-08-01 08:00")
    write_article(content, "pt", "invalida", title="Inválida", date="2025-06-01 09:00",
                  extra="\nExpires: 2025-02-30 10:00")
    write_article(content, "id", "nanti", title="Nanti", date="2030-01-01 09:00", extra="\nExpires: besok")
    write_article(content, "pt", "boa", title="Boa", date="2025-06-01 09:00", extra="\nExpires: 2025-06-02 09:00")
    with pytest.raises(BuildFailed) as failure:
        build(content, tmp_path / "output", BUILD_NOW="2025-06-05T00:00Z")
    assert [str(problem) for problem in failure.value.problems] == [
        f"content/id/nanti.md: Expires: 'besok' is not a date and time {EXAMPLE}",
        f"content/pt/amanha.md: Expires: 'tomorrow' is not a date and time {EXAMPLE}",
        "content/pt/antes.md: Expires: 2025-06-01 08:00 is not after the story's Date (2025-06-01T09:00:00-03:00)",
        "content/pt/duas.md: Expires: given 2 times; keep one Expires line",
        f"content/pt/invalida.md: Expires: '2025-02-30 10:00' is not a valid date and time {EXAMPLE}",
    ]
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())


@pytest.mark.parametrize("setting, value, message", [
    ("BUILD_NOW", "soon", f"'soon' is not a date and time {EXAMPLE}"),
    ("EXPIRED_PAGE", "maybe", "'maybe' is not one of '404', 'gone'"),
])
def test_a_bad_setting_is_named(tmp_path, setting, value, message):
    write_article(tmp_path / "content", "pt", "a", title="A")
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "content", tmp_path / "output", **{setting: value})
    assert [str(problem) for problem in failure.value.problems] == [f"settings: {setting}: {message}"]


def test_the_command_line_prints_the_problem_without_a_traceback(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_article(content, "pt", "amanha", title="Amanhã", date="2025-06-01 09:00", extra="\nExpires: tomorrow")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py"],
        cwd=ROOT, capture_output=True, text=True, env={"COLUMNS": "250", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "content/pt/amanha.md: Expires: 'tomorrow' is not a date and time" in " ".join(result.stdout.split())
    assert "Traceback" not in result.stdout + result.stderr
    assert "Cannot load plugin" not in result.stdout + result.stderr
