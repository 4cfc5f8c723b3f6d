"""Give static assets content-hashed names (site.3f2a9c01de.css) so hosts can cache them forever.

Runs once the site is written: theme files and the search's vendor folder are renamed, and every
reference in HTML pages and in JavaScript imports is rewritten. JavaScript modules are renamed
after the modules they import, since their own hash covers the rewritten import lines.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pelican import signals

HASHED = (".css", ".js", ".svg")
IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\./[^"']+)\2""")
VENDOR = "search/vendor"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def hashed_name(path: Path, data: bytes) -> Path:
    return path.with_name(f"{path.stem}.{digest(data)}{path.suffix}")


def relative_imports(path: Path) -> list[Path]:
    if path.suffix != ".js":
        return []
    return [(path.parent / spec).resolve() for _, _, spec in IMPORT.findall(path.read_text("utf-8"))]


def rewrite_imports(text: str, source: Path, renamed: dict[Path, Path]) -> str:
    def replace(match):
        target = (source.parent / match.group(3)).resolve()
        new = renamed.get(target)
        return f"{match.group(1)}{match.group(2)}./{new.name}{match.group(2)}" if new else match.group(0)

    return IMPORT.sub(replace, text)


def fingerprint_theme(output: Path, theme_dir: str) -> dict[str, str]:
    """Rename every theme asset; returns {old URL path: new URL path} (without the leading /)."""
    assets = sorted(p.resolve() for p in (output / theme_dir).rglob("*") if p.suffix in HASHED)
    renamed: dict[Path, Path] = {}
    pending = list(assets)
    while pending:
        ready = [p for p in pending if all(d in renamed or d not in pending for d in relative_imports(p))]
        if not ready:
            raise RuntimeError(f"fingerprint: circular imports among {[p.name for p in pending]}")
        for path in ready:
            data = path.read_bytes()
            if path.suffix == ".js":
                data = rewrite_imports(data.decode("utf-8"), path, renamed).encode("utf-8")
            target = hashed_name(path, data)
            target.write_bytes(data)
            path.unlink()
            renamed[path] = target
            pending.remove(path)
    root = output.resolve()
    return {old.relative_to(root).as_posix(): new.relative_to(root).as_posix() for old, new in renamed.items()}


def fingerprint_vendor(output: Path) -> dict[str, str]:
    """The vendor folder (lunr.js, stemmers) is loaded by path prefix: hash the folder as a whole."""
    folder = output / VENDOR
    if not folder.is_dir():
        return {}
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    combined = hashlib.sha256()
    for path in files:
        combined.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    target = folder.with_name(f"vendor.{combined.hexdigest()[:10]}")
    folder.rename(target)
    return {f"{VENDOR}/": f"search/{target.name}/"}


def rewrite_pages(output: Path, mapping: dict[str, str]) -> None:
    """Point every page at the renamed files."""
    for page in output.rglob("*.html"):
        text = page.read_text("utf-8")
        updated = text
        for old, new in mapping.items():
            updated = updated.replace(f"/{old}", f"/{new}")
        if updated != text:
            page.write_text(updated, encoding="utf-8")


def fingerprint_site(pelican) -> None:
    output = Path(pelican.output_path)
    mapping = fingerprint_theme(output, pelican.settings.get("THEME_STATIC_DIR", "theme"))
    mapping.update(fingerprint_vendor(output))
    rewrite_pages(output, mapping)


def register() -> None:
    signals.finalized.connect(fingerprint_site)
