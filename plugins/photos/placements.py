"""What photos each article asks for: its lead photo and the images placed in its body.

Lead photo fields: `Image` (the file), `Image_Alt` (required with it), `Image_Caption`,
`Image_Credit`. An article without `Image` shows the lead photo of its first translation (in
LANGUAGES order) that names one, with its own `Image_Alt` / `Image_Caption` when it gives them,
else the translation's, marked with that language. A body image is markdown's
`![alt text](file.jpg "caption")`: the same file rules, the alt text required.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .problems import PhotoProblem

LEAD_FIELDS = ("image", "image_alt", "image_caption", "image_credit")
FIELD_NAMES = {"image": "Image", "image_alt": "Image_Alt", "image_caption": "Image_Caption", "image_credit": "Image_Credit"}
ALT_MISSING = "describe what the photo shows, for readers who cannot see it (required with Image)"
# An <img> as markdown writes it (and the news-markup policy keeps it), alone in its paragraph or not.
BODY_IMAGE = re.compile(r"(?P<open><p>\s*)?(?P<img><img\b[^>]*>)(?P<close>\s*</p>)?", re.IGNORECASE)
# BODY_IMAGE tries its optional <p> at every paragraph; most stories have no image at all
ANY_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
NOT_A_FILE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|/|#|\{|\|)")


@dataclass(frozen=True)
class PhotoText:
    alt: str
    caption: str = ""
    credit: str = ""
    alt_lang: str | None = None
    caption_lang: str | None = None


@dataclass(frozen=True)
class PhotoRequest:
    """One photo an article shows: the value naming the file, resolved beside `named_in`."""

    article: object
    field: str  # "Image" or "body"
    value: str
    named_in: object  # the article whose file names it (a translation's, for an inherited lead)
    text: PhotoText

    @property
    def inherited(self) -> bool:
        return self.named_in is not self.article


def field_text(article, key: str) -> str | None:
    """A metadata value as one line of plain text; None when the field is absent."""
    value = article.metadata.get(key)
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = " ".join(map(str, value))
    return " ".join(str(value).split())


def own_lead(article, shown: str) -> tuple[PhotoRequest | None, list[PhotoProblem]]:
    """The lead photo the article names itself, with a problem for a missing or doubled field."""
    value = article.metadata.get("image")
    if value is None:
        return None, []
    problems = []
    if isinstance(value, (list, tuple)):
        problems.append(PhotoProblem(shown, "Image", f"given {len(value)} times; an article has one lead photo "
                                                    "(place more in the body: ![alt text](file.jpg \"caption\"))"))
        value = value[0]
    alt = field_text(article, "image_alt")
    if alt is None:
        problems.append(PhotoProblem(shown, "Image_Alt", f"missing: {ALT_MISSING}"))
    elif not alt:
        problems.append(PhotoProblem(shown, "Image_Alt", f"empty: {ALT_MISSING}"))
    text = PhotoText(alt or "", field_text(article, "image_caption") or "", field_text(article, "image_credit") or "")
    return PhotoRequest(article, "Image", str(value), article, text), problems


def inherited_lead(article, leads: dict) -> PhotoRequest | None:
    """The first translation's lead photo, with this article's own texts where it gives them."""
    for partner in getattr(article, "translations", []):
        lead = leads.get(id(partner))
        if lead is None:
            continue
        alt, caption = field_text(article, "image_alt"), field_text(article, "image_caption")
        text = PhotoText(
            alt=alt or lead.text.alt,
            caption=caption if caption is not None else lead.text.caption,
            credit=field_text(article, "image_credit") or lead.text.credit,
            alt_lang=None if alt else partner.lang,
            caption_lang=None if caption is not None or not lead.text.caption else partner.lang,
        )
        return PhotoRequest(article, "Image", lead.value, partner, text)
    return None


def lead_requests(articles: list, shown) -> tuple[list[PhotoRequest], list[PhotoProblem]]:
    """Every article's lead photo request (own or inherited); `shown(article)` names its file."""
    leads, problems = {}, []
    for article in articles:
        if "image" not in article.metadata:  # most stories: no file name to work out (~0.15 s of 20,000)
            continue
        request, found = own_lead(article, shown(article))
        problems += found
        if request is not None:
            leads[id(article)] = request
    requests = list(leads.values())
    for article in articles:
        if id(article) in leads:
            continue
        request = inherited_lead(article, leads)
        if request is not None:
            requests.append(request)
            continue
        for key in ("image_alt", "image_caption", "image_credit"):
            if key in article.metadata:
                problems.append(PhotoProblem(shown(article), FIELD_NAMES[key], "ignored: neither this article nor "
                                             "a translation names an Image", error=False))
    return requests, problems


class _TagAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.attributes = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def tag_attributes(tag: str) -> dict[str, str]:
    """The attributes of one start tag, entities decoded."""
    parser = _TagAttributes()
    parser.feed(tag)
    parser.close()
    return parser.attributes


def names_a_file(src: str) -> bool:
    """A relative src names a photo of the content folder; URLs, site paths and Pelican's {placeholders} do not."""
    return bool(src.strip()) and not NOT_A_FILE.match(src.strip())


def body_image(img_tag: str) -> tuple[str, str, str] | None:
    """(file, alt text, caption) of a body <img> naming a photo file; None for any other image."""
    attributes = tag_attributes(img_tag)
    src = attributes.get("src", "")
    if not names_a_file(src):
        return None
    return src.strip(), " ".join(attributes.get("alt", "").split()), " ".join(attributes.get("title", "").split())


def body_requests(article) -> list[PhotoRequest]:
    """One request per image the body places by file name (alt text and title as written)."""
    requests = []
    body = article._content or ""
    if not ANY_IMAGE.search(body):
        return requests
    for match in BODY_IMAGE.finditer(body):
        if found := body_image(match.group("img")):
            src, alt, caption = found
            requests.append(PhotoRequest(article, "body", src, article, PhotoText(alt, caption)))
    return requests
