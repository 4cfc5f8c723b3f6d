"""A small newsroom with a scheduled story, a scheduled hidden one, an expired one and one that will
expire, and the builds of it the schedule tests read (before and after the embargo)."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from support import Site, build, write_article

BEFORE = "2025-06-09T12:00-03:00"  # the embargoed story is not out yet; the expired one has gone
AFTER = "2025-06-10T10:00-03:00"  # an hour after the embargo
EMBARGOED = "/pt/2025/06/zebulon-embargada/"
EMBARGOED_TRANSLATION = "/id/2025/06/terjemahan-berita/"
HIDDEN_SCHEDULED = "/id/2025/06/tersembunyi-wombat/"
EXPIRED = "/pt/2025/06/quokka-expira/"
EXPIRED_TRANSLATION = "/id/2025/06/berita-lain/"
EXPIRING = "/pt/2025/06/relogio/"
OLD = "/pt/2025/06/velha/"
# Words only the embargoed, hidden-scheduled and expired stories carry (title, slug or body): none may
# reach a file of a build that does not publish them.
EMBARGOED_WORDS = ("Zebulon", "zebulon", "xilofonema")
HIDDEN_WORDS = ("Wombat", "wombat")
EXPIRED_WORDS = ("Quokka", "quokka")
# Dev builds also write the editors' translation-status page (plugins/translation_status), which
# lists every file of content/ by design; publishconf.py turns it off. These builds leave it out.
SETTINGS = {"EDITORS_PAGES": False}


def newsroom(content: Path) -> Path:
    write_article(content, "pt", "velha", title="Velha notícia", date="2025-06-01 09:00", key="velha")
    write_article(content, "id", "lama", title="Berita lama", date="2025-06-01 09:00", key="velha")
    write_article(content, "pt", "zebulon-embargada", title="Zebulon embargada", date="2025-06-10 09:00",
                  key="zeb", category="Economia", tags="Mercados", body="O xilofonema chegou ao porto.")
    write_article(content, "id", "terjemahan-berita", title="Terjemahan berita", date="2025-06-09 09:00",
                  key="zeb", category="Ekonomi", tags="Pasar")
    write_article(content, "id", "tersembunyi-wombat", title="Wombat tersembunyi", date="2025-06-11 07:00",
                  extra="\nStatus: hidden")
    write_article(content, "pt", "quokka-expira", title="Quokka expira", date="2025-06-01 10:00", key="quo",
                  extra="\nExpires: 2025-06-09 11:00")
    write_article(content, "id", "berita-lain", title="Berita lain", date="2025-06-01 10:00", key="quo")
    write_article(content, "pt", "relogio", title="Relógio da praça", date="2025-06-02 08:00",
                  extra="\nExpires: 2025-06-20 18:00")
    # (a Category: a draft without one stops core Pelican, with or without this plugin)
    write_article(content, "id", "draf", title="Draf masa depan", date="2025-06-30 08:00", category="Ekonomi",
                  extra="\nStatus: draft")
    return content


@dataclass
class Build:
    site: Site
    printed: str  # what the build printed on stdout


def build_printing(content: Path, output: Path, **overrides) -> Build:
    """Build, keeping what the build printed (Pelican's console writes to sys.stdout)."""
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        site = build(content, output, **{**SETTINGS, **overrides})
    return Build(site, printed.getvalue())


def files_containing(output: Path, words: tuple[str, ...]) -> list[str]:
    """Every written file (pages, feeds, sitemaps, search index files, any other) holding one of `words`."""
    found = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if any(word.encode() in data for word in words):
            found.append(str(path.relative_to(output)))
    return found
