"""Checks on the content folder itself, before Pelican walks it: loops, links out, and files it would not publish.

Pelican follows symbolic links while it walks content/, so a link back to a folder it has seen
makes it walk the same folders again and again (thousands of paths, each article read many
times), a link out of content/ publishes whatever it leads to, and a pipe named x.md makes the
build wait forever. HTML files would be published as they are by Pelican's HTML reader; the site
publishes markdown only.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from pathlib import Path

from pelican.readers import Readers

from .content_checks import relative
from .problems import Problem

HTML_EXTENSIONS = (".html", ".htm")


def is_under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def source_tree_problems(settings: dict) -> list[Problem]:
    """Link loops, links out, pipes and HTML files (errors); files no reader takes (warnings)."""
    content = settings["PATH"]
    real_content = os.path.realpath(content)
    readable = {f".{extension}" for extension in Readers(settings).extensions}
    static = [os.path.join(content, path) for path in settings.get("STATIC_PATHS") or []]
    ignores = settings.get("IGNORE_FILES") or []

    # fnmatch's patterns made one expression once, rather than matched one by one for every file
    ignored_name = re.compile("|".join(fnmatch.translate(os.path.normcase(pattern)) for pattern in ignores) or "(?!)")

    def ignored(name: str) -> bool:
        return name.startswith(".") or ignored_name.match(os.path.normcase(name)) is not None

    problems = []
    visited = {real_content}
    for folder, subfolders, files in walk(content):
        for name in list(subfolders):
            path = os.path.join(folder, name)
            real = os.path.realpath(path)
            if ignored(name):
                subfolders.remove(name)
            elif not is_under(real, real_content) or real in visited:
                subfolders.remove(name)
                why = ("leads out of the content folder, to " + real if not is_under(real, real_content)
                       else f"leads back to {relative(real, real_content)}, a folder already read (a loop)")
                problems.append(Problem(relative(path, content), "file", f"symbolic link {why}; remove the link"))
            else:
                visited.add(real)
        for name, entry in sorted(files.items()):
            path = entry.path
            if ignored(name) or any(is_under(path, s) for s in static):
                continue
            if not plain_story_file(entry, readable):
                problems += file_problems(Path(path), relative(path, content), readable, real_content)
    return problems


def walk(top: str):
    """os.walk(top, followlinks=True), with each file's directory entry: (folder, names of its
    subfolders (remove one to skip it), {file name: entry}). The entry tells a regular file from a
    link or a pipe by the folder's listing, where os.walk's names needed a status call per file."""
    pending = [top]
    while pending:
        folder = pending.pop()
        subfolders, files = [], {}
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if is_folder(entry):
                        subfolders.append(entry.name)
                    else:
                        files[entry.name] = entry
        except OSError:  # as os.walk: a folder that cannot be listed is passed over
            continue
        yield folder, subfolders, files
        pending.extend(os.path.join(folder, name) for name in reversed(subfolders))


def is_folder(entry: os.DirEntry) -> bool:
    """A folder, or a link to one (followed, as Pelican follows it)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def plain_story_file(entry: os.DirEntry, readable: set[str]) -> bool:
    """A regular file (no link) a reader takes: nearly every file of an archive, told from the
    folder's listing, without a Path (file_problems finds nothing wrong with it)."""
    suffix = os.path.splitext(entry.name)[1].lower()
    if suffix not in readable or suffix in HTML_EXTENSIONS:
        return False
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def file_problems(path: Path, shown: str, readable: set[str], real_content: str) -> list[Problem]:
    suffix = path.suffix.lower()
    if suffix in HTML_EXTENSIONS:
        return [Problem(shown, "file", "HTML is not published (content/ holds markdown); "
                                       "bring it in with `newsroom import`, which keeps its text safely")]
    if suffix not in readable:
        return [Problem(shown, "file", f"ignored: not a markdown file ({suffix or 'no extension'})", error=False)]
    if path.is_symlink() and not is_under(os.path.realpath(path), real_content):
        return [Problem(shown, "file", f"symbolic link leads out of the content folder, to {os.path.realpath(path)}; "
                                       "copy the file in instead")]
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return [Problem(shown, "file", f"cannot be read: {error.strerror} (a broken link?)")]
    if not stat.S_ISREG(mode):
        return [Problem(shown, "file", "not a regular file (a pipe or a device): reading it could wait forever")]
    return []
