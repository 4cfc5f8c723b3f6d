"""Put processed photos in an article's body: an image alone in its paragraph becomes a
<figure> with <picture> and <figcaption>; an image inside text becomes a <picture>.

The markup comes from the theme (partials/picture.html), so pages and bodies draw photos alike.
It is inserted after the news-markup policy has cleaned the body: the allow-list keeps <img>, and
only this plugin writes <picture> and <source>, from processed files and escaped texts.
"""

from __future__ import annotations

from typing import Callable

from .photo import Photo
from .placements import BODY_IMAGE, body_image


def place_body_photos(html: str, photos: dict[tuple[str, str, str], Photo], figure: Callable[[Photo], str],
                      picture: Callable[[Photo], str]) -> str:
    """`html` with every image found in `photos` (by file, alt text and caption) drawn by `figure` or `picture`."""
    def replace(match) -> str:
        photo = photos.get(body_image(match.group("img")))
        if photo is None:
            return match.group(0)
        if match.group("open") and match.group("close"):
            return str(figure(photo))
        return (match.group("open") or "") + str(picture(photo)) + (match.group("close") or "")

    return BODY_IMAGE.sub(replace, html)
