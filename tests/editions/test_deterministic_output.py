"""Builds do not depend on Python's hash seed: stories with the same date keep one order everywhere."""

import os
import subprocess
import sys

from support import ROOT, write_article

WORDS = "chuva ponte eleição porto mercado escola saúde energia floresta rio vacina estrada".split()


def tied_corpus(content) -> None:
    """60 translated pairs published at only three moments, sharing tags and categories."""
    for n in range(60):
        date = f"2025-03-0{1 + n % 3} 08:00"
        words = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(5))
        for lang, category in (("pt", "Cidade"), ("id", "Kota")):
            write_article(content, lang, f"{lang}-{n:02d}", title=f"{words} {n}", date=date, key=f"k{n}",
                          category=category, tags=f"{WORDS[n % 5]}, {WORDS[n % 7]}",
                          body=f"{words} número {n * 37}.")


def build_with_seed(content, output, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py"],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def test_two_builds_under_different_hash_seeds_are_byte_identical(tmp_path):
    content = tmp_path / "content"
    tied_corpus(content)
    build_with_seed(content, tmp_path / "one", "1")
    build_with_seed(content, tmp_path / "two", "2")
    first = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert len(first) > 150
    assert [str(path) for path in first if first[path] != second[path]] == []
