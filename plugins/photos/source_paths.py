"""Where a photo named in an article lives: beside the article (a bundle) or in the shared folder.

An `Image:` value or a body image's `src` is untrusted text. It may only name a file inside the
content folder: absolute paths, `..`, URLs, backslashes and control characters are refused, and
the file found is checked, with symbolic links followed, to be inside the content folder, so that
no build can publish /etc/passwd or a file beside the repository.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
BUNDLE_PREFIX = "./"  # "./x.jpg": only beside the article


class RefusedPath(ValueError):
    """The value cannot name a photo file of the content folder; the message says why, for the editor."""


def is_inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def checked_relative_path(value: str) -> str:
    """The value as a relative path, or RefusedPath for anything that could lead elsewhere."""
    text = value.strip()
    if not text:
        raise RefusedPath("empty: give the photo's file name, e.g. \"harbour.jpg\"")
    if CONTROL.search(text):
        raise RefusedPath(f"{text!r} contains a control character")
    if URL_SCHEME.match(text) or text.startswith("//"):
        raise RefusedPath(f"{text!r} is a URL; a photo must be a file in the content folder "
                          "(pages load images from this site only)")
    if "\\" in text:
        raise RefusedPath(f"{text!r} contains '\\'; separate folders with '/'")
    if text.startswith("/"):
        raise RefusedPath(f"{text!r} is an absolute path; name the file inside the content folder")
    if ".." in text.split("/"):
        raise RefusedPath(f"{text!r} contains '..'; a photo's path must stay inside the content folder")
    return text


def resolve_photo(value: str, article_path: str, content: str, shared_folder: str) -> Path:
    """The photo file `value` names for the article at `article_path`.

    "x.jpg" is looked up beside the article first, then in the shared folder
    (content/<shared_folder>/x.jpg); "./x.jpg" only beside the article.
    """
    text = checked_relative_path(value)
    real_content = os.path.realpath(content)
    beside = os.path.dirname(article_path)
    if text.startswith(BUNDLE_PREFIX):
        candidates = [os.path.join(beside, text[len(BUNDLE_PREFIX):])]
    else:
        candidates = [os.path.join(beside, text), os.path.join(content, shared_folder, text)]
    for candidate in candidates:
        if not os.path.lexists(candidate):
            continue
        real = os.path.realpath(candidate)
        if not is_inside(real, real_content):
            raise RefusedPath(f"{text!r} leads out of the content folder (a symbolic link to {real})")
        if not os.path.isfile(real):
            raise RefusedPath(f"{text!r} is not a file")
        return Path(real)
    looked = " and ".join(shown_folder(os.path.dirname(c), content) for c in candidates)
    raise RefusedPath(f"{text!r}: no such file (looked in {looked})")


def resolve_in_content(value: str, content: str) -> Path:
    """The photo file named by its path inside the content folder ("images/authors/ana.jpg"), with
    the same checks (an author's `photo`, which no article's folder is beside)."""
    return resolve_photo(BUNDLE_PREFIX + checked_relative_path(value), os.path.join(content, ""), content, "")


def shown_folder(folder: str, content: str) -> str:
    """A folder as the editor knows it: content/pt/, content/images/."""
    base = os.path.dirname(os.path.abspath(content).rstrip(os.sep))
    return os.path.relpath(os.path.abspath(folder), base).rstrip("/") + "/"
