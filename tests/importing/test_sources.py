"""Reading sources: each format, and every kind of bad input refused with its reason."""

import pytest

from importer.sources import SourceError, escape_markdown, read_source
from importer.headlines import unescape_markdown

from support import SAMPLES, SEEDS

LIMIT = 1_000_000


def test_plain_text_without_blank_lines_has_one_paragraph_per_line():
    source = read_source(SEEDS / "story-01.a.txt", LIMIT)
    lines = [line for line in (SEEDS / "story-01.a.txt").read_text("utf-8").splitlines() if line.strip()]
    assert source.format == "text" and source.title is None
    assert [unescape_markdown(p) for p in source.paragraphs] == lines


def test_plain_text_with_blank_lines_splits_on_them(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title line\n\nFirst paragraph\ncontinues here.\n\n\nSecond.\n", "utf-8")
    assert read_source(path, LIMIT).paragraphs == ["Title line", "First paragraph\ncontinues here.", "Second."]


def test_markdown_with_pelican_metadata_keeps_its_fields_and_body():
    source = read_source(SAMPLES / "with-metadata.md", LIMIT)
    assert source.title == "Banco Central mantém a Selic em 10,5%"
    assert source.metadata == {"date": "2025-02-05 18:40", "category": "Economia", "tags": "Juros, Banco Central"}
    assert source.paragraphs[1].startswith("Em comunicado") and "*segue desafiador*" in source.paragraphs[1]


def test_markdown_heading_is_the_title():
    source = read_source(SAMPLES / "headline-first.md", LIMIT)
    assert source.title == "Pemerintah umumkan libur nasional tambahan"
    assert len(source.paragraphs) == 2


def test_html_takes_title_date_and_article_paragraphs_only():
    source = read_source(SAMPLES / "article.html", LIMIT)
    assert source.title == "Chuvas alagam o centro de Recife"
    assert source.metadata["date"] == "2025-03-14T07:30:00-03:00"
    assert [unescape_markdown(p) for p in source.paragraphs] == [
        "As chuvas que atingiram Recife na madrugada desta sexta-feira alagaram ruas do centro e deixaram "
        "12 bairros sem energia, segundo a prefeitura.",
        "A Defesa Civil registrou 180 milímetros de chuva em 24 horas, o maior volume para março desde 2019.",
        "O prefeito pediu que a população evite deslocamentos até o fim da tarde.",
    ]
    assert "tracking" not in source.text and "Menu" not in source.text and "Leia também" not in source.text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024. Foi um ano difícil.", "2024\\. Foi um ano difícil."),
        ("# não é título", "\\# não é título"),
        ("- não é lista", "\\- não é lista"),
        ("<img src=x onerror=alert(1)> texto", "&lt;img src=x onerror=alert(1)> texto"),
        ("a *b* _c_ [d] `e`", "a \\*b\\* \\_c\\_ \\[d\\] \\`e\\`"),
    ],
)
def test_plain_text_is_escaped_so_it_renders_as_written(raw, expected):
    assert escape_markdown(raw) == expected
    assert unescape_markdown(expected) == raw


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("latin1.txt", "Notícia em Latin-1".encode("latin-1"), "not valid UTF-8 at line 1 (byte 0xed); save it as UTF-8"),
        ("binary.txt", bytes(range(256)) * 4, "binary data"),
        ("photo.jpg", b"\xff\xd8\xff\xe0 JFIF", "unsupported file type '.jpg'"),
        ("empty.html", b"<html><body><nav><p>menu</p></nav></body></html>", "HTML without article paragraphs"),
    ],
)
def test_bad_input_is_refused_with_its_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as error:
        read_source(path, LIMIT)
    assert reason in str(error.value)


def test_a_5_mb_file_is_refused_before_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Texto de teste. " * (5 * 1024 * 1024 // 16))
    with pytest.raises(SourceError) as error:
        read_source(path, LIMIT)
    assert "too large: 5.2 MB (limit 1.0 MB)" in str(error.value)
