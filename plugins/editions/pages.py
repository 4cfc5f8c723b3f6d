"""Static pages per edition (About, Contact, Corrections policy, Privacy…): content/pages/<lang>/*.md.

A page is markdown with Title, Lang and, for its versions in other editions, a Translation_Key,
like a story, but without a Date; it lives at /<prefix>/<slug>/ (its own slug in each language:
/pt/sobre/, /id/tentang/). FOOTER_PAGES lists translation keys in the order their pages are
linked from every page's footer, by their Link_Title (a short title, e.g. "Sobre") or Title.
"""

from __future__ import annotations

from translations import link_translations

from .languages import Edition


def page_url(edition: Edition, slug: str) -> str:
    return f"{edition.prefix}/{slug}/"


def place_pages(pages: list, editions: list[Edition], key_field: str) -> dict[str, list]:
    """Gives every page of a site language its URL and its versions in the other editions;
    returns {language: its pages}. (Pages of another language are reported by plugins/validation.)"""
    by_code = {edition.code: edition for edition in editions}
    placed = [page for page in pages if page.lang in by_code]
    for page in placed:
        page.override_url = page_url(by_code[page.lang], page.slug)
    # a key used twice in one language is reported by plugins/validation, with both files
    link_translations(placed, key_field, [edition.code for edition in editions])
    return {edition.code: [page for page in placed if page.lang == edition.code] for edition in editions}


def footer_pages(pages: list, order: list[str], key_field: str) -> list:
    """The edition's pages whose translation key is in `order`, in that order."""
    keyed = {str(getattr(page, key_field, "") or "").strip(): page for page in pages}
    return [keyed[key] for key in order if key in keyed]
