"""Theme message catalogs: .po sources compiled by Babel in memory at build time.

Compiling in memory keeps generated .mo files out of the repository and out of the output.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations


class MissingCatalogError(LookupError):
    """A site language has no message catalog in the theme."""


def catalog_path(catalog_dir: Path, code: str, locale: str) -> Path:
    """The .po file for a language: by its code (pt), else by its full locale (pt_BR)."""
    candidates = [catalog_dir / name / "LC_MESSAGES" / "messages.po" for name in (code, locale)]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise MissingCatalogError(
        f"no message catalog for language {code!r}: expected {candidates[0]}"
    )


def load_translations(catalog_dir: Path, code: str, locale: str) -> Translations:
    """Compile the language's catalog with Babel and return gettext translations for it."""
    path = catalog_path(catalog_dir, code, locale)
    with path.open("rb") as source:
        catalog = read_po(source, locale=locale)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return Translations(fp=compiled)
