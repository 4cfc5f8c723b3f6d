"""Give theme assets content-hashed names (site.3f2a9c01de.css) so hosts can cache them forever.

The names are worked out from the theme's static files before any page is rendered, so the
templates write them directly (`{{ asset('css/site.css') }}`); once the site is written, the
copied files are renamed. A JavaScript module's hash covers its import lines rewritten to the
hashed names of the modules it imports, so modules are named after their imports.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pelican import signals

HASHED = (".css", ".js", ".svg")
IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\./[^"']+)\2""")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


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


def plan(static_dir: Path) -> dict[str, tuple[str, bytes]]:
    """{asset path: (hashed path, content)} for the theme's static folder, paths relative to it."""
    root = static_dir.resolve()
    pending = sorted(p.resolve() for p in root.rglob("*") if p.suffix in HASHED)
    renamed: dict[Path, Path] = {}
    contents: dict[Path, bytes] = {}
    while pending:
        ready = [p for p in pending if all(d in renamed or d not in pending for d in relative_imports(p))]
        if not ready:
            raise RuntimeError(f"fingerprint: circular imports among {[p.name for p in pending]}")
        for path in ready:
            data = path.read_bytes()
            if path.suffix == ".js":
                data = rewrite_imports(data.decode("utf-8"), path, renamed).encode("utf-8")
            renamed[path] = path.with_name(f"{path.stem}.{digest(data)}{path.suffix}")
            contents[path] = data
            pending.remove(path)
    return {
        old.relative_to(root).as_posix(): (new.relative_to(root).as_posix(), contents[old])
        for old, new in renamed.items()
    }


def static_folder(settings) -> Path:
    return Path(settings["THEME"]) / "static"


ASSET_NAMES = "_fingerprint_asset_names"  # kept in the build's shared context: worked out once per build


def provide_asset_names(generator) -> None:
    """Templates call asset('css/site.css') and get 'css/site.<hash>.css'."""
    # Every generator of a run shares one context (a new one each run): the theme is hashed once per build.
    names = generator.context.get(ASSET_NAMES)
    if names is None:
        names = {old: new for old, (new, _) in plan(static_folder(generator.settings)).items()}
        generator.context[ASSET_NAMES] = names
    generator.env.globals["asset"] = names.__getitem__


def rename_written_assets(pelican) -> None:
    output = Path(pelican.output_path) / pelican.settings.get("THEME_STATIC_DIR", "theme")
    for old, (new, data) in plan(static_folder(pelican.settings)).items():
        (output / new).write_bytes(data)
        (output / old).unlink(missing_ok=True)


def register() -> None:
    signals.generator_init.connect(provide_asset_names)
    signals.finalized.connect(rename_written_assets)
