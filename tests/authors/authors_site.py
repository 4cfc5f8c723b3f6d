"""A small newsroom with authors: bylines, author pages, feeds and fallbacks to test."""

from __future__ import annotations

from pathlib import Path

from support import write_article

PT_AUTHORS = '''
[ana-lima]
name = "Ana Lima"
bio = "Repórter de economia (fictícia)."
same_as = ["https://example.org/ana-lima"]

[budi-santoso]
name = "Budi Santoso"
bio = "Editor de ciência (fictício)."

[carla-dias]
name = "Carla Dias"
bio = "Correspondente (fictícia) só em português."

[ze-ninguem]
name = "Zé Ninguém"
bio = "No file's story names him: no page."
'''

ID_AUTHORS = '''
[ana-lima]
name = "Ana Lima"
bio = "Wartawan ekonomi (fiktif)."
same_as = ["https://example.org/ana-lima"]

[budi-santoso]
name = "Budi Santoso"
bio = "Editor sains (fiktif)."
'''


def write_authors(content: Path, lang: str, text: str) -> Path:
    path = content / "authors" / f"{lang}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def newsroom_content(content: Path) -> Path:
    """Stories in both editions: Ana alone (five in pt, one in id), Ana with Budi (translated),
    Carla in pt only, one story with no author in each edition, and a hidden story by Dora."""
    write_authors(content, "pt", PT_AUTHORS)
    write_authors(content, "id", ID_AUTHORS)
    for n in range(5):
        write_article(content, "pt", f"ana-{n}", title=f"Nota {n} de Ana", date=f"2025-01-0{n + 1} 09:00",
                      extra="\nAuthors: Ana Lima")
    write_article(content, "pt", "dupla", title="Reportagem a quatro mãos", date="2025-02-01 09:00",
                  key="dupla", extra="\nAuthors: Ana Lima, Budi Santoso")
    write_article(content, "id", "duet", title="Liputan berdua", date="2025-02-01 09:00",
                  key="dupla", extra="\nAuthors: Ana Lima, Budi Santoso")
    write_article(content, "id", "ana-id", title="Catatan Ana", date="2025-01-15 09:00", extra="\nAuthors: ana-lima")
    write_article(content, "pt", "carla", title="Crônica de Carla", date="2025-01-20 09:00", extra="\nAuthor: Carla Dias")
    write_article(content, "pt", "sem-autor", title="Nota da redação", date="2025-01-10 09:00")
    write_article(content, "id", "tanpa-penulis", title="Catatan redaksi", date="2025-01-10 09:00")
    write_article(content, "pt", "oculta", title="Página oculta", date="2025-01-11 09:00",
                  extra="\nStatus: hidden\nAuthors: Dora Oculta, Ana Lima")
    return content
