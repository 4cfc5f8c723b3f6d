"""A strict check of a news sitemap against the published schemas, without a network or an XSD
validator: sitemaps.org's sitemap.xsd (0.9) for <urlset>/<url>, and Google's sitemap-news.xsd (0.9)
for <news:news>, written out below as the rules they state.

sitemap.xsd: <urlset> holds <url> elements only; a <url> is <loc> (an anyURI of 12 to 2,048
characters), then optional <lastmod>, <changefreq>, <priority>, in that order, then elements of other
namespaces (here: exactly one <news:news>, which a news sitemap needs on every <url>).
sitemap-news.xsd: <news:news> is, in this order, <publication> (<name>, then <language>: "zh-cn",
"zh-tw" or two or three lower-case letters), optional <access> (Subscription | Registration),
optional <genres> (PressRelease, Satire, Blog, OpEd, Opinion, UserGenerated, comma-separated),
<publication_date> (a W3C date, or date-time with a time zone), <title>, optional <keywords>,
optional <stock_tickers>. Google's rules on top: at most 1,000 <url> per file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from io import BytesIO

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_URLS = 1000

URL_SEQUENCE = [("loc", 1, 1), ("lastmod", 0, 1), ("changefreq", 0, 1), ("priority", 0, 1)]
NEWS_SEQUENCE = [("publication", 1, 1), ("access", 0, 1), ("genres", 0, 1), ("publication_date", 1, 1),
                 ("title", 1, 1), ("keywords", 0, 1), ("stock_tickers", 0, 1)]
PUBLICATION_SEQUENCE = [("name", 1, 1), ("language", 1, 1)]
LANGUAGE = re.compile(r"zh-cn|zh-tw|[a-z]{2,3}")
GENRE = r"(?:PressRelease|Satire|Blog|OpEd|Opinion|UserGenerated)"
GENRES = re.compile(rf"{GENRE}(?:, *{GENRE})*")
STOCK_TICKERS = re.compile(r"(?:\w+:\w+(?:, *\w+:\w+){0,4})?")
W3C_DATETIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:T(?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?P<zone>Z|[+-]\d{2}:\d{2}))?")
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}


def local(element: ET.Element) -> tuple[str, str]:
    namespace, _, name = element.tag[1:].partition("}")
    return namespace, name


def sequence_problems(where: str, children: list[ET.Element], namespace: str, sequence: list) -> list[str]:
    """The children's names against an xsd:sequence of (name, minOccurs, maxOccurs), in order."""
    names = [local(child) for child in children]
    problems, position = [], 0
    for name, least, most in sequence:
        count = 0
        while position < len(names) and names[position] == (namespace, name) and count < most:
            position, count = position + 1, count + 1
        if count < least:
            problems.append(f"{where}: missing <{name}> (or out of order: {[n for _, n in names]})")
    if position < len(names):
        problems.append(f"{where}: unexpected <{names[position][1]}> in {{{names[position][0]}}} "
                        f"(expected, in order: {[name for name, _, _ in sequence]})")
    return problems


def w3c_datetime_problem(text: str) -> str | None:
    match = W3C_DATETIME.fullmatch(text or "")
    if not match:
        return f"{text!r} is not a W3C date or date-time with a time zone"
    try:
        date.fromisoformat(match["date"])
        if match["time"]:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return f"{text!r} is not a valid date"
    return None


def leaf_problems(where: str, element: ET.Element) -> list[str]:
    """A simple-typed element: text only, no attributes, no children."""
    problems = []
    if len(element):
        problems.append(f"{where}: must hold text only, not <{local(element[0])[1]}>")
    if element.attrib:
        problems.append(f"{where}: unexpected attributes {sorted(element.attrib)}")
    return problems


def structure_problems(where: str, element: ET.Element) -> list[str]:
    """A complex-typed element: children only (whitespace between them), no attributes."""
    problems = []
    if (element.text or "").strip() or any((child.tail or "").strip() for child in element):
        problems.append(f"{where}: text outside the child elements")
    if element.attrib:
        problems.append(f"{where}: unexpected attributes {sorted(element.attrib)}")
    return problems


def news_problems(where: str, news: ET.Element) -> list[str]:
    problems = structure_problems(where, news) + sequence_problems(where, list(news), NEWS, NEWS_SEQUENCE)
    for child in news:
        namespace, name = local(child)
        if namespace != NEWS:
            continue
        here = f"{where}/{name}"
        if name == "publication":
            problems += structure_problems(here, child)
            problems += sequence_problems(here, list(child), NEWS, PUBLICATION_SEQUENCE)
            for part in child:
                problems += leaf_problems(f"{here}/{local(part)[1]}", part)
            if not (child.findtext(f"{{{NEWS}}}name") or "").strip():
                problems.append(f"{here}/name: empty")
            language = child.findtext(f"{{{NEWS}}}language")
            if language is not None and not LANGUAGE.fullmatch(language):
                problems.append(f"{here}/language: {language!r} is not an ISO 639 code (or zh-cn, zh-tw)")
            continue
        problems += leaf_problems(here, child)
        text = child.text or ""
        if name == "publication_date" and (problem := w3c_datetime_problem(text)):
            problems.append(f"{here}: {problem}")
        elif name == "title" and not text.strip():
            problems.append(f"{here}: empty")
        elif name == "access" and text not in ("Subscription", "Registration"):
            problems.append(f"{here}: {text!r} is not Subscription or Registration")
        elif name == "genres" and not GENRES.fullmatch(text):
            problems.append(f"{here}: {text!r} is not a list of genres")
        elif name == "stock_tickers" and not STOCK_TICKERS.fullmatch(text):
            problems.append(f"{here}: {text!r} is not a list of stock tickers")
    return problems


def url_problems(where: str, url: ET.Element, absolute: bool) -> list[str]:
    children = list(url)
    own = [child for child in children if local(child)[0] == SITEMAP]
    others = [child for child in children if local(child)[0] != SITEMAP]
    problems = structure_problems(where, url) + sequence_problems(where, own, SITEMAP, URL_SEQUENCE)
    if children[:len(own)] != own:
        problems.append(f"{where}: elements of other namespaces must come after <loc>, <lastmod>, <changefreq>, <priority>")
    for child in own:
        problems += leaf_problems(f"{where}/{local(child)[1]}", child)
    loc = url.findtext(f"{{{SITEMAP}}}loc") or ""
    if not 12 <= len(loc) <= 2048 or re.search(r"\s", loc):
        problems.append(f"{where}/loc: {loc!r} is not a URI of 12 to 2,048 characters")
    if absolute and not re.match(r"https?://[^/\s]+/", loc):
        problems.append(f"{where}/loc: {loc!r} is not an absolute http(s) URL")
    lastmod = url.findtext(f"{{{SITEMAP}}}lastmod")
    if lastmod is not None and (problem := w3c_datetime_problem(lastmod)):
        problems.append(f"{where}/lastmod: {problem}")
    changefreq = url.findtext(f"{{{SITEMAP}}}changefreq")
    if changefreq is not None and changefreq not in CHANGEFREQ:
        problems.append(f"{where}/changefreq: {changefreq!r}")
    news = [child for child in others if local(child) == (NEWS, "news")]
    if len(news) != 1 or len(others) != 1:
        problems.append(f"{where}: a news sitemap <url> holds exactly one <news:news> and no other extension "
                        f"(found {[local(child)[1] for child in others]})")
    for element in news:
        problems += news_problems(f"{where}/news", element)
    return problems


def news_sitemap_problems(data: bytes, absolute: bool = True) -> list[str]:
    """Everything that makes `data` not a valid news sitemap; [] when it is one."""
    if not data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        return ['does not start with <?xml version="1.0" encoding="UTF-8"?>']
    try:
        declared = {prefix: uri for _, (prefix, uri) in ET.iterparse(BytesIO(data), events=("start-ns",))}
        root = ET.fromstring(data)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    problems = []
    if declared.get("") != SITEMAP:
        problems.append(f"the default namespace is {declared.get('')!r}, not {SITEMAP}")
    if NEWS not in declared.values():
        problems.append(f"the news namespace {NEWS} is not declared")
    if set(declared.values()) - {SITEMAP, NEWS}:
        problems.append(f"other namespaces declared: {sorted(set(declared.values()) - {SITEMAP, NEWS})}")
    if local(root) != (SITEMAP, "urlset"):
        return problems + [f"the root element is {root.tag}, not <urlset> of {SITEMAP}"]
    problems += structure_problems("urlset", root)
    urls = list(root)
    problems += [f"urlset: unexpected <{local(child)[1]}>" for child in urls if local(child) != (SITEMAP, "url")]
    if len(urls) > MAX_URLS:
        problems.append(f"urlset: {len(urls)} <url>, over {MAX_URLS}")
    for number, url in enumerate(urls, start=1):
        problems += url_problems(f"url[{number}]", url, absolute)
    return problems
