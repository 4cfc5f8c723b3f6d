"""The theme's templates compiled once, for every generator of a build and for the builds after it.

Pelican gives each generator its own Jinja environment, and each compiles every template it uses
from source: ~0.3 s of a rebuild that renders next to nothing. Jinja's bytecode cache keeps the
compiled templates in the state folder and checks each against its template's source. It does not
check the environment's options (autoescape, trim_blocks, extensions…), which change the compiled
code too: those are settings, in the build key, so the cache is kept per build key and the one of
another key is removed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import FileSystemBytecodeCache


class TemplateCache(FileSystemBytecodeCache):
    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full disk or an unwritable state folder: compiled again by the next build
            pass


def cache_templates(settings, folder: Path, build_key: str) -> None:
    """JINJA_ENVIRONMENT's bytecode cache, in `folder`/<build key>; left as it is when the settings
    set one, or when the folder cannot be made. (The live server's builds use this one too.)"""
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if "bytecode_cache" in environment:
        return
    own = folder / build_key[:16]
    try:
        own.mkdir(parents=True, exist_ok=True)
        for other in folder.iterdir():
            if other != own:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        return
    settings["JINJA_ENVIRONMENT"] = {**environment, "bytecode_cache": TemplateCache(str(own))}
