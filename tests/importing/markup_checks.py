"""What a browser would run in HTML: script elements, event-handler attributes and script URLs."""

import re

from bs4 import BeautifulSoup

URL_TRIMMED = "".join(map(chr, range(33)))  # C0 controls and space, trimmed from both ends of a URL
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")


def browser_url(value: str) -> str:
    """A URL as a browser reads it (WHATWG URL): tabs and newlines removed, controls and spaces trimmed."""
    return re.sub(r"[\t\n\r]", "", value).strip(URL_TRIMMED)


def dangerous(html: str) -> list[str]:
    """Script-like elements, event-handler attributes and script URLs in `html`."""
    soup = BeautifulSoup(html, "html.parser")
    found = [tag.name for tag in soup.find_all(["script", "iframe", "object", "embed", "svg"])]
    found += [f"{tag.name} {name}" for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")]
    found += [f"{tag.name} {value}" for tag in soup.find_all(True) for value in (tag.get("href"), tag.get("src"))
              if value and browser_url(value).lower().startswith(SCRIPT_SCHEMES)]
    return found
