"""Write every language edition — home, article, archive, category, tag pages and feeds — in one run.

Core Pelican reads the articles; this generator writes them, each page rendered with its own
language: gettext catalog, Babel dates, hreflang versions and language-switcher targets.
"""

from __future__ import annotations

import logging
import zlib
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from types import MappingProxyType

from babel import Locale
from babel.dates import format_date
from babel.support import NullTranslations
from pelican.generators import Generator

from .archives import archive_months, archive_years
from .authors import credit_authors, write_author_feeds
from .catalogs import MissingCatalogError, load_translations
from .corrections import apply_corrections, edition_corrections
from .fallback import merged, read_fallbacks, untranslated
from .feeds import build_feed, write_feed
from .languages import Edition, editions_from_settings
from .home import front_page, words
from .pages import footer_pages, place_pages
from .sections import edition_sections, more_in_sections, section_matches, section_of
from .structured_data import news_article
from .story_urls import story_url
from .switcher import Listing, listing_targets, switch_targets
from .terms import declared_matches, match_terms, with_declared
from .times import datetime_formatter, local

logger = logging.getLogger(__name__)

# Groups of story pages and of term listings per edition (_write_group): at 10,000 pairs ~150
# stories and ~300 terms a group.
PAGE_GROUPS = 64


def save_path(url: str) -> str:
    """Pages are written where their URL points: a folder URL (or the root, "") gets an index.html."""
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def chunks(items: list, size: int) -> list[list]:
    """Split a listing into pages; an empty listing still has one (empty) page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def page_count(items: list, size: int) -> int:
    """How many pages chunks() makes of a listing."""
    return max(1, -(-len(items) // size))


def edition_date(moment, form: str = "long", *, edition: Edition) -> str:
    return format_date(local(moment, edition) if hasattr(moment, "astimezone") else moment, form, locale=edition.locale)


def in_groups(items: list, name: Callable) -> list[tuple[int, list]]:
    """`items` in PAGE_GROUPS groups by the name each gives (a CRC-32: the same from build to build)."""
    groups = defaultdict(list)
    for item in items:
        groups[zlib.crc32(name(item).encode("utf-8", "surrogatepass")) % PAGE_GROUPS].append(item)
    return sorted(groups.items())


def hreflang_links(versions: dict[str, str], editions: list[Edition], site_url: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each version, in site language order, plus x-default.

    A page with a single version has no alternates: nothing to point search engines to.
    """
    if len(versions) < 2:
        return []
    links = [(e.code, f"{site_url}/{versions[e.code]}") for e in editions if e.code in versions]
    return links + [("x-default", f"{site_url}/")]


class EditionsGenerator(Generator):
    """Writes the pages of every edition from the articles read by core's ArticlesGenerator."""

    def generate_context(self) -> None:
        # what every page is written with is held in tuples (and read-only mappings): the incremental
        # build's page keys then know them unchanged from one page to the next by identity alone
        self.editions = tuple(editions_from_settings(self.settings))
        self.by_code = {e.code: e for e in self.editions}
        self.key_field = self.settings.get("TRANSLATION_KEY_FIELD", "translation_key")
        catalog_dir = Path(self.settings["THEME"]) / "translations"
        self.translations = {}
        for edition in self.editions:
            try:
                self.translations[edition.code] = load_translations(catalog_dir, edition.code, edition.locale)
            except MissingCatalogError as error:
                logger.error("LANGUAGES[%r]: %s", edition.code, error)
                self.translations[edition.code] = NullTranslations()  # English msgids, build goes on

        # bound once: a page's key (plugins/incremental) then meets the same objects page after page
        self.gettext_functions = {code: {"gettext": t.gettext, "ngettext": t.ngettext}
                                  for code, t in self.translations.items()}

        self.articles = defaultdict(list)  # code -> listed articles, newest first
        self.hidden = defaultdict(list)
        days: dict = {}  # story_url's formatted dates
        for listed, target in ((True, self.articles), (False, self.hidden)):
            for article in self.context.get("articles" if listed else "hidden_articles", []):
                edition = self.by_code.get(article.lang)
                if edition is None:
                    logger.error(
                        "%s: Lang %r is not a site language (LANGUAGES: %s); the article is not published",
                        article.source_path, article.lang, ", ".join(self.by_code),
                    )
                    continue
                # the same instant on the edition's clock: its URL's month, its pages' dates and times
                article.date = local(article.date, edition)
                if getattr(article, "modified", None):
                    article.modified = local(article.modified, edition)
                apply_corrections(article, edition)
                article.override_url = story_url(article, edition, self.settings["ARTICLE_URL"], days)
                if getattr(article, "ignored_timezone", None):
                    logger.warning("%s: Timezone: %r is not used: a Date without an offset is in the edition's"
                                   " time zone (%s); write the offset in Date, e.g. 2025-01-03 09:00+01:00",
                                   article.source_path, article.ignored_timezone, edition.timezone)
                target[edition.code].append(article)

        self.pages = place_pages(self.context.get("pages", []) + self.context.get("hidden_pages", []),
                                 self.editions, self.key_field)
        footer_order = list(self.settings.get("FOOTER_PAGES") or [])
        self.footer_pages = {code: tuple(footer_pages([p for p in pages if p.status != "hidden"], footer_order,
                                                      self.key_field))
                             for code, pages in self.pages.items()}
        self.authors = credit_authors(self.editions, self.articles, self.hidden, self.settings)  # sets article.byline
        self.categories = {e.code: self._group_by(self.articles[e.code], "category") for e in self.editions}
        self.tags = {e.code: self._group_by(self.articles[e.code], "tags") for e in self.editions}
        # SECTIONS and TERM_MATCHES say which categories and tags are one listing across editions,
        # whatever the translations say
        self.category_matches = with_declared(self._match("category"), {
            **section_matches(self.settings), **declared_matches(self.settings, "category", self.categories)})
        self.tag_matches = with_declared(self._match("tags"), declared_matches(self.settings, "tag", self.tags))
        self._borrow_untranslated()
        self.sections = {code: tuple(sections) for code, sections in
                         edition_sections(self.settings, self.editions, self.categories).items()}
        self.more = {code: more_in_sections(sections) for code, sections in self.sections.items()}
        self.env.filters["words"] = words  # listing cards: {{ article.summary|words(CARD_SUMMARY_WORDS) }}
        self.context["EDITION_PAGES"] = []  # filled while writing; read by plugins/sitemap
        # A story's date shows on its page and on every listing it is in: format it once, as a
        # date of the edition's time zone.
        self.date_formatters = {e.code: lru_cache(maxsize=None)(partial(edition_date, edition=e)) for e in self.editions}
        self.datetime_formatters = {e.code: datetime_formatter(e) for e in self.editions}
        # other languages named in each edition's language, for cards of borrowed stories ("Dalam bahasa Portugis")
        # the switcher's note on a page with no version in an edition, in that edition's language
        # (babel.cfg extracts this msgid from the plugins too)
        self.untranslated_notes = {
            e.code: self.translations[e.code].gettext(
                "Not available in %(language)s: this link opens that edition's home page.") % {"language": e.name}
            for e in self.editions}
        self.language_names = {e.code: MappingProxyType({o.code: Locale.parse(e.locale).languages.get(o.code, o.name)
                                                         for o in self.editions})
                               for e in self.editions}
        # What every page of an edition is written with besides its own arguments (_write_page):
        # held in one mapping, which also keys the groups of pages an incremental build keeps whole.
        self.page_arguments = {e.code: MappingProxyType({
            "edition": e, "editions": self.editions, "lang": e.code, **self.gettext_functions[e.code],
            "format_date": self.date_formatters[e.code], "format_datetime": self.datetime_formatters[e.code],
            "footer_pages": self.footer_pages[e.code], "sections": self.sections[e.code],
            "language_names": self.language_names[e.code]}) for e in self.editions}

    @staticmethod
    def _terms(article, attribute: str) -> list:
        value = getattr(article, attribute, None)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]

    def _group_by(self, articles: list, attribute: str) -> dict:
        """slug -> (term, articles newest first)."""
        groups: dict = {}
        for article in articles:
            for term in self._terms(article, attribute):
                groups.setdefault(term.slug, (term, []))[1].append(article)
        return dict(sorted(groups.items()))

    def _borrow_untranslated(self) -> None:
        """TRANSLATION_FALLBACK (fallback.py): an edition's home, section and tag listings also
        show its fallback language's untranslated stories, each under the edition's own term that
        matches the story's (a term with no counterpart in the edition lists nothing borrowed)."""
        self.listed = dict(self.articles)  # code -> the home listing, borrowed stories included
        self.search_fallbacks = {}  # code -> the language its search also looks in, when it lends stories
        codes = [e.code for e in self.editions]
        for code, source in read_fallbacks(self.settings, codes).items():
            borrowed = untranslated(self.articles[source], code)
            self.listed[code] = merged(self.articles[code], borrowed)
            if borrowed:
                self.search_fallbacks[code] = source
            for groups, matches, attribute in ((self.categories, self.category_matches, "category"),
                                               (self.tags, self.tag_matches, "tags")):
                extra = defaultdict(list)
                for article in borrowed:
                    for term in self._terms(article, attribute):
                        own = matches.get((source, term.slug), {}).get(code)
                        if own in groups[code]:
                            extra[own].append(article)
                for slug, articles in extra.items():
                    term, own_articles = groups[code][slug]
                    groups[code][slug] = (term, merged(own_articles, articles))

    def _match(self, attribute: str) -> dict[tuple[str, str], dict[str, str]]:
        """For every (language, term slug): the slug of the same term in each other language."""
        matches: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
        for a in self.editions:
            for b in self.editions:
                if a.code >= b.code:
                    continue
                pairs = [
                    ({t.slug for t in self._terms(art, attribute)}, {t.slug for t in self._terms(other, attribute)})
                    for art in self.articles[a.code]
                    for other in art.translations
                    if other.lang == b.code
                ]
                for x, y in match_terms(pairs).items():
                    matches[(a.code, x)][b.code] = y
                    matches[(b.code, y)][a.code] = x
        return matches

    # ---- writing -------------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        site_url = self.settings.get("SITEURL", "")
        per_page = self.settings.get("DEFAULT_PAGINATION") or 10
        pages_of = partial(page_count, size=per_page)
        months = {e.code: {(m.year, m.month): m for m in archive_months(self.articles[e.code], e)} for e in self.editions}
        for edition in self.editions:
            code = edition.code
            articles, listed = self.articles[code], self.listed[code]
            homes = {e.code: Listing(e.home_url, pages_of(self.listed[e.code])) for e in self.editions}
            front = front_page(listed[:per_page], self.sections[code], self.settings.get("FRONT_PAGE_SECTION_STORIES") or 3,
                               code)
            # one group: a correction that leaves every card as it was keeps the edition's ~1,000 home
            # pages (at 10,000 pairs) without keying each
            self._write_group(writer, edition, f"{code} home pages",
                              {"articles": listed, "per_page": per_page, "listings": homes, "front": front},
                              partial(self._write_listing, writer, edition, "index", listed, per_page, homes, front=front))
            self._write_archives(writer, edition, months)
            self._write_page(writer, edition, "search", edition.search_url(),
                             {e.code: e.search_url() for e in self.editions},
                             search_fallback=self.search_fallbacks.get(code))
            self._write_page(writer, edition, "corrections", edition.corrections_url(),
                             {e.code: e.corrections_url() for e in self.editions},
                             corrections=edition_corrections(articles))
            self._write_term_listings(writer, edition, per_page)
            for author in self.authors.pages_of(edition):
                # an author's page in another edition: page 1 (how long it is is the authors module's)
                listings = {other: Listing(lambda page, url=url: url, 1) for other, url in author.versions.items()}
                listings[code] = Listing(partial(edition.author_url, author.slug), pages_of(author.articles))
                self._write_listing(writer, edition, "author", author.articles, per_page, listings, author=author)
                write_author_feeds(author, self.settings, self.output_path)
            self._write_story_pages(writer, edition, articles + self.hidden[code], site_url)
            for page in self.pages[code]:
                versions = {code: page.url, **{t.lang: t.url for t in page.translations}}
                self._write_page(writer, edition, "page", page.url, versions, page=page,
                                 in_sitemap=page.status != "hidden")
            # every edition's 404 page is the others' counterpart, but no search engine's business
            self._write_page(writer, edition, "404", edition.not_found_url(), {}, in_sitemap=False,
                             switch_to={e.code: e.not_found_url() for e in self.editions})
            self._write_feeds(edition, articles, site_url)
        self._write_chooser(writer)
        # Static hosts serve one site-wide /404.html (GitHub Pages); it speaks every language.
        self._write_page(writer, self.editions[0], "404", "404.html", {}, in_sitemap=False,
                         choices=self._choices())

    def _write_group(self, writer, edition: Edition, name: str, inputs: dict, write: Callable[[], None]) -> None:
        """Write a group of pages with `write()`. An incremental build (plugins/incremental's
        writer) keeps the group whole, with the sitemap entries it made, while its inputs are
        unchanged: `inputs` must name everything its pages are made of besides the settings, theme
        and plugins (the build key) and what _write_page reads (added here)."""
        keep_group = getattr(writer, "keep_group", None)
        if keep_group is not None:
            inputs = {"page_arguments": self.page_arguments[edition.code],
                      "untranslated_notes": self.untranslated_notes, **inputs}
            kept = keep_group(name, inputs, self.context)
            if kept is not None:
                self.context["EDITION_PAGES"] += kept
                return
        first = len(self.context["EDITION_PAGES"])
        write()
        if keep_group is not None:
            writer.end_group(self.context, self.context["EDITION_PAGES"][first:])

    def _write_term_listings(self, writer, edition: Edition, per_page: int) -> None:
        """The edition's category and tag listings: most pages of an archive (a tag for each name in
        the news), in PAGE_GROUPS groups by term: an incremental build keeps whole each group whose
        terms, stories and counterparts are unchanged (a new story changes the groups of its terms)."""
        code = edition.code
        pages_of = partial(page_count, size=per_page)
        # each term with its stories and its counterparts in other editions (language -> their slug
        # and how many pages their listing has), in an order that does not depend on hash seeds
        terms = [(kind, url_for, slug, term, listed, {
                     other: (other_slug, pages_of(every[other][other_slug][1]))
                     for other, other_slug in sorted(matches.get((code, slug), {}).items()) if other_slug in every[other]})
                 for kind, every, matches, url_for in (
                     ("category", self.categories, self.category_matches, Edition.category_url),
                     ("tag", self.tags, self.tag_matches, Edition.tag_url))
                 for slug, (term, listed) in every[code].items()]
        for number, group in in_groups(terms, lambda entry: f"{entry[0]}/{entry[2]}"):
            def write(group=group) -> None:
                for kind, url_for, slug, term, listed, counterparts in group:
                    listings = {code: Listing(partial(url_for, edition, slug), pages_of(listed))}
                    for other, (other_slug, pages) in counterparts.items():
                        listings[other] = Listing(partial(url_for, self.by_code[other], other_slug), pages)
                    self._write_listing(writer, edition, "listing", listed, per_page, listings, term=term,
                                        term_kind=kind)

            # in columns: the plain values of every term are reduced in one go, then their objects
            self._write_group(writer, edition, f"{code} term listings {number}", {
                "per_page": per_page,
                "terms": [(kind, slug, len(listed), counterparts) for kind, _, slug, _, listed, counterparts in group],
                "term_objects": [term for _, _, _, term, _, _ in group],
                "articles": [story for _, _, _, _, listed, _ in group for story in listed]}, write)

    def _write_story_pages(self, writer, edition: Edition, stories: list, site_url: str) -> None:
        """Each story's page, in PAGE_GROUPS groups by source path: a new or corrected story
        changes one group's inputs, and an incremental build keeps the others whole."""
        code = edition.code
        pages = []
        for article in stories:
            versions = {code: article.url}
            versions.update({t.lang: t.url for t in article.translations if t.lang in self.by_code})
            more = self.more[code].get(id(article))
            if more is None:  # a hidden story is in no listing: its section's newest follow it
                section = section_of(article, self.sections[code])
                more = list(section.articles[:3]) if section else []
            pages.append((article, versions, more))
        for number, group in in_groups(pages, lambda page: page[0].source_path):
            def write(group=group) -> None:
                for article, versions, more in group:
                    # made only when the page is rendered: an unchanged page (plugins/incremental)
                    # is keyed by the story, which holds everything the data is made of
                    data = partial(news_article, article, site_url, self.settings["SITENAME"], edition.home_url())
                    # A hidden story is published but not listed anywhere, the sitemap included.
                    self._write_page(writer, edition, "article", article.url, versions, article=article,
                                     more=more, lastmod=getattr(article, "modified", None) or article.date,
                                     structured_data=data, in_sitemap=article.status != "hidden")

            # "article": each story with its body (its date and status are in it too)
            self._write_group(writer, edition, f"{code} story pages {number}", {
                "article": [article for article, _, _ in group], "versions": [versions for _, versions, _ in group],
                "more": [len(more) for _, _, more in group], "more_articles": [s for _, _, more in group for s in more]},
                write)

    def _write_archives(self, writer, edition: Edition, months: dict[str, dict]) -> None:
        """The archive index (years and months) and each month's paginated page (archives.py); a
        month's page switches to the same month in another edition, else to its archive index.
        `months`: {language: {(year, month): ArchiveMonth}}."""
        per_page = self.settings.get("ARCHIVE_PAGINATION") or 50
        own = months[edition.code]
        self._write_page(writer, edition, "archives", edition.archives_url(),
                         {e.code: e.archives_url() for e in self.editions},
                         years=archive_years(list(own.values())))
        elsewhere = {e.code: e.archives_url() for e in self.editions}
        pages = [(month, {e.code: Listing(partial(months[e.code][when].url, e), page_count(months[e.code][when].articles, per_page))
                          for e in self.editions if when in months[e.code]})
                 for when, month in own.items()]
        # in groups by month, as term listings: a new story changes its month's group only
        for number, group in in_groups(pages, lambda page: f"{page[0].year}-{page[0].month}"):
            def write(group=group) -> None:
                for month, listings in group:
                    self._write_listing(writer, edition, "archive_month", month.articles, per_page, listings,
                                        elsewhere=elsewhere, month=month)

            self._write_group(writer, edition, f"{edition.code} archive months {number}", {
                "per_page": per_page, "elsewhere": elsewhere, "months": [month for month, _ in group],
                "listings": [listings for _, listings in group]}, write)

    def _write_listing(self, writer, edition, template, articles, per_page, listings: dict[str, Listing],
                       elsewhere: dict[str, str] | None = None, **extra):
        """Every page of one listing; `listings` holds it and its counterparts in other editions,
        `elsewhere` where the switcher goes in an edition without a counterpart (default: its home)."""
        pages = chunks(articles, per_page)
        url_of_page = listings[edition.code].url_of_page
        versions = {code: listing.url_of_page(page=1) for code, listing in listings.items()}
        for number, page_articles in enumerate(pages, start=1):
            url = url_of_page(page=number)
            pagination = {
                "number": number,
                "count": len(pages),
                "previous_url": url_of_page(page=number - 1) if number > 1 else None,
                "next_url": url_of_page(page=number + 1) if number < len(pages) else None,
            }
            # Page 2 of one language's listing is not page 2 of another's: only page 1 has versions
            # (hreflang), but the switcher keeps the reader's place in the listing.
            page_versions = versions if number == 1 else {edition.code: url}
            self._write_page(writer, edition, template, url, page_versions,
                             switch_to={**(elsewhere or {}), **listing_targets(listings, number)},
                             articles=page_articles, pagination=pagination, **extra)

    def _write_page(self, writer, edition, template, url, versions, lastmod=None, in_sitemap=True, switch_to=None,
                    **extra):
        """`switch_to`: the switcher's targets when they are not the page's `versions` (hreflang)."""
        site_url = self.settings.get("SITEURL", "")
        switcher = switch_targets(edition, self.editions, versions if switch_to is None else switch_to,
                                  lambda target: self.untranslated_notes[target.code])
        alternates = hreflang_links(versions, self.editions, site_url)
        writer.write_file(
            save_path(url),
            self.get_template(template),
            self.context,
            paginated={},
            page_url=url,
            alternates=alternates,
            switcher=switcher,
            **self.page_arguments[edition.code],
            **extra,
        )
        if in_sitemap:
            self.context["EDITION_PAGES"].append(
                {"url": url, "lang": edition.code, "alternates": alternates, "lastmod": lastmod}
            )

    def _write_feeds(self, edition: Edition, articles: list, site_url: str) -> None:
        limit = self.settings.get("FEED_MAX_ITEMS") or 20
        for kind in ("atom", "rss"):
            feed = build_feed(
                kind,
                articles[:limit],
                title=f"{self.settings['SITENAME']} ({edition.name})",
                site_url=site_url,
                home_url=edition.home_url(),
                feed_url=edition.feed_url(kind),
                language=edition.code,
                key_field=self.key_field,
                full_text=self.settings.get("FEED_FULL_TEXT", False),
                excerpt_words=self.settings.get("FEED_EXCERPT_WORDS") or 60,
            )
            write_feed(feed, Path(self.output_path) / edition.feed_url(kind))

    def _write_chooser(self, writer) -> None:
        """The root page: plain links to every edition (x-default), with each edition's latest stories."""
        default = self.editions[0]
        versions = {e.code: e.home_url() for e in self.editions}
        self._write_page(
            writer, default, "chooser", "", versions,
            choices=self._choices(),
        )

    def _choices(self) -> list:
        """Each edition with its latest stories and its own gettext, for pages in every language."""
        return [(e, self.articles[e.code][:3], self.translations[e.code].gettext) for e in self.editions]
