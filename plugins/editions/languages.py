"""The site's languages ("editions") as declared in the LANGUAGES setting, and their URLs."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# URL segments an edition may localize; anything not given keeps the English default.
DEFAULT_PATHS = MappingProxyType(
    {"archives": "archives", "category": "category", "tag": "tag", "page": "page", "feeds": "feeds",
     "search": "search", "corrections": "corrections", "author": "author"}
)


class LanguageConfigError(ValueError):
    """LANGUAGES in the settings is missing a field or has a wrong one."""


@dataclass(frozen=True)
class Edition:
    """One language version of the site, living under its own URL prefix."""

    code: str  # ISO 639-1, used for <html lang>, hreflang, feeds and the sitemap
    name: str  # the language's name in that language, for the switcher
    locale: str  # CLDR locale for Babel dates and og:locale, e.g. pt_BR
    prefix: str
    paths: Mapping[str, str] = field(default_factory=lambda: DEFAULT_PATHS)
    timezone: str = "UTC"  # IANA name: a story's Date without an offset is in it, and times are shown in it

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def _under(self, *segments: str) -> str:
        return "/".join((self.prefix, *segments)) + "/"

    def paged(self, base: str, page: int) -> str:
        """URL of page `page` of the listing whose first page is `base`."""
        return base if page == 1 else f"{base}{self.paths['page']}/{page}/"

    def home_url(self, page: int = 1) -> str:
        return self.paged(self._under(), page)

    def archives_url(self) -> str:
        return self._under(self.paths["archives"])

    def category_url(self, slug: str, page: int = 1) -> str:
        return self.paged(self._under(self.paths["category"], slug), page)

    def tag_url(self, slug: str, page: int = 1) -> str:
        return self.paged(self._under(self.paths["tag"], slug), page)

    def author_url(self, slug: str, page: int = 1) -> str:
        return self.paged(self._under(self.paths["author"], slug), page)

    def author_feed_url(self, slug: str, kind: str) -> str:
        return f"{self.prefix}/{self.paths['feeds']}/{self.paths['author']}/{slug}/{kind}.xml"

    def search_url(self) -> str:
        return self._under(self.paths["search"])

    def not_found_url(self) -> str:
        return f"{self.prefix}/404.html"

    def corrections_url(self) -> str:
        return self._under(self.paths["corrections"])

    def feed_url(self, kind: str) -> str:
        return f"{self.prefix}/{self.paths['feeds']}/{kind}.xml"

    def article_url(self, relative_url: str) -> str:
        return f"{self.prefix}/{relative_url.lstrip('/')}"


def editions_from_settings(settings: Mapping) -> list[Edition]:
    """Read LANGUAGES (code -> name, locale, prefix, paths); the default language comes first."""
    declared = settings.get("LANGUAGES") or {}
    if not declared:
        raise LanguageConfigError("LANGUAGES: no site language is declared in the settings")
    editions = []
    for code, entry in declared.items():
        where = f"LANGUAGES[{code!r}]"
        if not isinstance(entry, Mapping):
            raise LanguageConfigError(f"{where}: expected a dict with name, locale and prefix")
        missing = [key for key in ("name", "locale") if not entry.get(key)]
        if missing:
            raise LanguageConfigError(f"{where}: missing {', '.join(missing)}")
        unknown = set(entry.get("paths", {})) - set(DEFAULT_PATHS)
        if unknown:
            raise LanguageConfigError(f"{where}['paths']: unknown segment(s) {sorted(unknown)}")
        timezone = entry.get("timezone") or settings.get("TIMEZONE") or "UTC"
        try:
            ZoneInfo(str(timezone))
        except (ZoneInfoNotFoundError, ValueError):
            raise LanguageConfigError(f"{where}['timezone']: {timezone!r} is not a time zone name (e.g. 'Asia/Jakarta')")
        prefix = str(entry.get("prefix", code)).strip("/")
        if not prefix:
            raise LanguageConfigError(f"{where}['prefix']: must not be empty")
        editions.append(
            Edition(
                code=code,
                name=entry["name"],
                locale=entry["locale"],
                prefix=prefix,
                paths=MappingProxyType({**DEFAULT_PATHS, **entry.get("paths", {})}),
                timezone=str(timezone),
            )
        )
    prefixes = [e.prefix for e in editions]
    if len(set(prefixes)) != len(prefixes):
        raise LanguageConfigError(f"LANGUAGES: two languages share a URL prefix ({prefixes})")
    default = settings.get("DEFAULT_LANG", editions[0].code)
    if default not in declared:
        raise LanguageConfigError(f"DEFAULT_LANG {default!r} is not one of LANGUAGES {list(declared)}")
    return sorted(editions, key=lambda e: e.code != default)
