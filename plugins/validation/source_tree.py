"""Checks on the content folder itself, before Pelican walks it: loops, and files it would not publish.

Pelican follows symbolic links while it walks content/, so a link to a parent folder makes it
walk the same folder again and again (thousands of paths, each article read many times). HTML
files would be published as they are by Pelican's HTML reader; the site publishes markdown only.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from pelican.readers import Readers

from .problems import Problem

HTML_EXTENSIONS = (".html", ".htm")


def shown_path(path: Path, content: Path) -> str:
    """A path as the other checks show it: from the content folder's parent (content/pt/x.md)."""
    return os.path.relpath(path, content.parent)


def is_under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def source_tree_problems(settings: dict) -> list[Problem]:
    """Symbolic link loops (errors), HTML files (errors) and other files no reader takes (warnings)."""
    content = Path(settings["PATH"])
    readable = {f".{extension}" for extension in Readers(settings).extensions}
    static = [str(content / path) for path in settings.get("STATIC_PATHS") or []]
    ignores = settings.get("IGNORE_FILES") or []
    problems = []
    for folder, subfolders, files in os.walk(content, followlinks=True):
        real_folder = os.path.realpath(folder)
        for name in list(subfolders):
            path = Path(folder, name)
            if name.startswith(".") or any(fnmatch.fnmatch(name, pattern) for pattern in ignores):
                subfolders.remove(name)
            elif path.is_symlink() and is_under(real_folder, os.path.realpath(path)):
                subfolders.remove(name)
                problems.append(Problem(shown_path(path, content), "file",
                                        f"symbolic link loop: leads back to {shown_path(Path(os.path.realpath(path)), content)}; "
                                        "remove the link"))
        for name in sorted(files):
            path = Path(folder, name)
            suffix = path.suffix.lower()
            if (name.startswith(".") or any(fnmatch.fnmatch(name, pattern) for pattern in ignores)
                    or suffix in readable or any(is_under(str(path), s) for s in static)):
                continue
            if suffix in HTML_EXTENSIONS:
                problems.append(Problem(shown_path(path, content), "file",
                                        "HTML is not published (content/ holds markdown); "
                                        "bring it in with `newsroom import`, which keeps its text safely"))
            else:
                problems.append(Problem(shown_path(path, content), "file",
                                        f"ignored: not a markdown file ({suffix or 'no extension'})", error=False))
    return problems
