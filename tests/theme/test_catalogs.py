"""Every UI string of the templates is translated in the pt and id catalogs (and listed for en)."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from support import ROOT

TEMPLATES = ROOT / "theme" / "templates"
PLUGINS = ROOT / "plugins"
CATALOGS = ROOT / "theme" / "translations"
METHOD_MAP = [("**.html", "jinja2")]
OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}


def template_msgids() -> set:
    """The templates' msgids, and those plugins write into pages (babel.cfg extracts both)."""
    ids = set()
    found = [*extract_from_dir(str(TEMPLATES), METHOD_MAP, OPTIONS), *extract_from_dir(str(PLUGINS), [("**.py", "python")])]
    for _file, _line, message, _comments, _context in found:
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def load(lang: str):
    path = CATALOGS / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as source:
        return read_po(source, locale=lang)


def test_templates_have_translatable_strings():
    assert {"Skip to content", "Latest news", "Archives"} <= template_msgids()


@pytest.mark.parametrize("lang", ["pt", "id"])
def test_every_msgid_is_translated(lang):
    catalog = load(lang)
    def translated(message) -> bool:
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        return all(forms) and len(forms) == (catalog.num_plurals if message.pluralizable else 1)

    missing = [
        msgid for msgid in sorted(template_msgids())
        if msgid not in catalog or catalog[msgid].fuzzy or not translated(catalog[msgid])
    ]
    assert missing == [], f"{lang}: untranslated or fuzzy: {missing}"


@pytest.mark.parametrize("lang", ["pt", "id", "en"])
def test_catalog_is_well_formed_and_lists_every_msgid(lang):
    catalog = load(lang)
    assert template_msgids() <= {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert problems == []
