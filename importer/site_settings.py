"""What the importer needs from pelicanconf.py: the languages, the content folder, the key field,
how markdown is rendered."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import get_settings_from_file, read_settings

# Importer settings, overridable in pelicanconf.py (documented in README.md).
DEFAULTS = {
    "IMPORT_MAX_BYTES": 1_000_000,
    "IMPORT_MIN_LANGUAGE_CONFIDENCE": 0.90,
    "PAIRING_MIN_SCORE": 0.30,
    "PAIRING_MARGIN": 0.75,
    "PAIRING_DATE_WINDOW_DAYS": 30,
}


@dataclass(frozen=True)
class SiteSettings:
    languages: dict[str, dict]  # code -> LANGUAGES entry, default language first
    content: Path
    key_field: str
    slug_substitutions: list
    max_bytes: int
    min_language_confidence: float
    pairing_min_score: float
    pairing_margin: float
    pairing_date_window_days: int
    markdown: dict = field(default_factory=dict)  # Pelican's MARKDOWN: how the build renders bodies
    timezone: str = "UTC"  # TIMEZONE: the zone of an edition whose LANGUAGES entry names none

    @property
    def codes(self) -> list[str]:
        return list(self.languages)

    def locale(self, code: str) -> str:
        return self.languages[code]["locale"]

    def zone(self, code: str) -> ZoneInfo:
        """The edition's time zone: a Date without an offset is read in it (plugins/editions/times.py)."""
        return ZoneInfo(self.languages[code].get("timezone") or self.timezone)


def load_site_settings(settings_file: Path, content: Path | None = None) -> SiteSettings:
    """Read pelicanconf.py the way Pelican does; `content` overrides its PATH.

    The content folder need not exist yet (a first import creates it), so Pelican's own check
    of PATH is given the settings' folder instead.
    """
    base = Path(settings_file).resolve().parent
    content = Path(content) if content else base / get_settings_from_file(str(settings_file)).get("PATH", "content")
    settings = read_settings(str(settings_file), override={"PATH": str(base)})
    languages = dict(settings.get("LANGUAGES") or {settings["DEFAULT_LANG"]: {"locale": settings["DEFAULT_LANG"]}})
    default = settings["DEFAULT_LANG"]
    ordered = {default: languages[default], **languages} if default in languages else languages
    value = {key: settings.get(key, fallback) for key, fallback in DEFAULTS.items()}
    return SiteSettings(
        languages=ordered,
        content=content,
        key_field=settings.get("TRANSLATION_KEY_FIELD", "translation_key"),
        slug_substitutions=settings["SLUG_REGEX_SUBSTITUTIONS"],
        max_bytes=int(value["IMPORT_MAX_BYTES"]),
        min_language_confidence=float(value["IMPORT_MIN_LANGUAGE_CONFIDENCE"]),
        pairing_min_score=float(value["PAIRING_MIN_SCORE"]),
        pairing_margin=float(value["PAIRING_MARGIN"]),
        pairing_date_window_days=int(value["PAIRING_DATE_WINDOW_DAYS"]),
        markdown=copy.deepcopy(settings.get("MARKDOWN", {})),
        timezone=settings.get("TIMEZONE") or "UTC",
    )
