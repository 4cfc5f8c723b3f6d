"""Helpers of the translation-status tests: stories dated relative to now, `newsroom` runs."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from importer.cli import main
from support import ROOT, write_article

NEWSROOM = Path(sys.executable).parent / "newsroom"
SETTINGS = ROOT / "pelicanconf.py"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


def ago(**delta) -> str:
    """A Date field value this long before now, with its offset (so no edition's zone applies)."""
    return (datetime.now(timezone.utc) - timedelta(**delta)).strftime("%Y-%m-%d %H:%M+00:00")


def story(content: Path, lang: str, slug: str, *, key: str | None = None, date: str = "2025-01-03 09:00",
          title: str | None = None, body: str = "Body paragraph.", record: str | None = None, extra: str = "") -> Path:
    """One story file; `record` is its Translation_Of value."""
    lines = extra + (f"\nTranslation_Of: {record}" if record else "")
    return write_article(content, lang, slug, title=title or slug.replace("-", " ").title(), date=date, key=key,
                         body=body, extra=lines)


def newsroom(*args, settings: Path = SETTINGS) -> Run:
    """`newsroom` run in this process (as tests/importing/test_cli.py does), output captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--settings", str(settings), *map(str, args)])
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code
    return Run(code, out.getvalue(), err.getvalue())


def newsroom_process(*args, settings: Path = SETTINGS, cwd: Path = ROOT) -> Run:
    """The installed `newsroom` program, as an editor or CI runs it."""
    result = subprocess.run([str(NEWSROOM), "--settings", str(settings), *map(str, args)], cwd=cwd,
                            capture_output=True, text=True)
    return Run(result.returncode, result.stdout, result.stderr)


def settings_with(tmp_path: Path, extra: str) -> Path:
    """The project's pelicanconf.py with `extra` lines appended, as a settings file of the test's own."""
    path = tmp_path / "settings.py"
    path.write_text(SETTINGS.read_text("utf-8").replace("os.path.dirname(os.path.abspath(__file__))",
                                                        repr(str(ROOT))) + "\n" + extra + "\n", "utf-8")
    return path


def flags_of(report: dict) -> dict[str, list[str]]:
    """Story (key, or file name without one) -> its flags, from `newsroom status --json`."""
    return {s["key"] or Path(s["versions"][0]["file"]).name: s["flags"] for s in report["stories"]}
