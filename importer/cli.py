"""`newsroom import` and `newsroom pair`: the editors' command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .content_store import CONTROL_CHARACTERS
from .interrupts import InterruptGuard

if TYPE_CHECKING:
    from .import_batch import Report

# The importer's own modules load lingua, Pelican and markdown: they are imported inside main(), once
# the Ctrl-C guard is in place, so that an interrupt while they load ends as cleanly as any other.

PROGRESS_MIN_FILES = 20
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped with Ctrl-C


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsroom", description="Import raw articles and pair translations.")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"),
                        help="Pelican settings with LANGUAGES (default: ./pelicanconf.py)")
    commands = parser.add_subparsers(dest="command", required=True)

    importing = commands.add_parser("import", help="import .txt, .md or .html files (or folders of them)")
    importing.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    importing.add_argument("--lang", help="language of every file (skips detection)")
    importing.add_argument("--date", type=iso_date, help="publication date YYYY-MM-DD of every file")
    importing.add_argument("--category", help="category of every file")
    importing.add_argument("--tags", help="comma-separated tags of every file")
    importing.add_argument("--force", action="store_true", help="overwrite files an editor has edited")

    pairing = commands.add_parser("pair", help="pair translations among the articles in content/")

    for command in (importing, pairing):
        command.add_argument("--content", type=Path, help="content folder (default: PATH of the settings)")
        command.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
        command.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def progress_bar(files):
    """A progress bar on a terminal for long batches; plain iteration otherwise."""
    files = list(files)
    if len(files) < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return files
    from tqdm import tqdm

    return tqdm(files, unit="file", file=sys.stderr)


def shown(path: str | None) -> str:
    """A path as an editor typed it: relative to the current folder when inside it."""
    relative = os.path.relpath(path) if path else ""
    return path if not path or relative.startswith("..") else relative


def printable(text: str) -> str:
    """One line of output: control characters (a newline in a file name, say) shown as escapes."""
    return CONTROL_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_report(report: Report, as_json: bool, dry_run: bool) -> None:
    from .import_batch import STATUSES

    if as_json:
        data = {
            "dry_run": dry_run,
            "interrupted": report.interrupted,
            "summary": {status: report.count(status) for status in STATUSES},
            "files": [asdict(o) for o in report.outcomes],
            "pairs": [asdict(p) for p in report.pairs],
            "ambiguous": [{"file": a.ident, "candidates": [{"file": f, "score": s} for f, s in a.candidates]}
                          for a in report.ambiguous],
            "keyed_files": report.keyed_files,
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    for outcome in report.outcomes:
        if outcome.status in ("failed", "skipped"):
            print(printable(f"{outcome.status}: {shown(outcome.source)}: {outcome.reason}"), file=sys.stderr)
        if outcome.status in ("imported", "updated"):
            for warning in outcome.warnings:
                print(printable(f"warning: {shown(outcome.source)}: {warning}"), file=sys.stderr)
            detected = f", detected {outcome.confidence:.2f}" if outcome.confidence is not None else ""
            line = f"{outcome.status}: {shown(outcome.source)} -> {shown(outcome.target)} ({outcome.lang}{detected})"
            print(printable(line))
    for pair in report.pairs:
        print(printable(f"pair: {shown(pair.first)} <-> {shown(pair.second)}  score {pair.score:.2f}  key {pair.key}"))
    for ambiguity in report.ambiguous:
        options = ", ".join(f"{shown(f)} ({s:.2f})" for f, s in ambiguity.candidates)
        print(printable(f"ambiguous: {shown(ambiguity.ident)} could pair with {options}; not paired, "
                        "set Translation_Key by hand"), file=sys.stderr)
    counts = ", ".join(f"{report.count(status)} {status}" for status in STATUSES)
    prefix = "dry run, nothing written: " if dry_run else ""
    print(f"{prefix}{counts}; {len(report.pairs)} paired, {len(report.ambiguous)} ambiguous")


def main(argv: list[str] | None = None) -> int:
    """Run `newsroom`; the exit code is 0, 1 when a file failed, 2 for a usage error, 130 after Ctrl-C."""
    guard = InterruptGuard()
    # Run as the program (argv None), a Ctrl-C after the run is ignored while the process exits;
    # called from Python, the caller's own Ctrl-C handling comes back afterwards.
    with guard.installed(restore=argv is not None):
        try:
            return run(build_parser(), argv, guard)
        except KeyboardInterrupt:
            print("interrupted: nothing written", file=sys.stderr)
            return EXIT_INTERRUPTED


def run(parser: argparse.ArgumentParser, argv: list[str] | None, guard: InterruptGuard) -> int:
    """Plan the batch (Ctrl-C stops it, nothing written), then write it whole and report."""
    from .import_batch import ImportOptions, Importer, commit, pair_content
    from .site_settings import load_site_settings

    args = parser.parse_args(argv)
    if not args.settings.is_file():
        parser.error(f"{args.settings}: settings file not found (run from the project folder or pass --settings)")
    settings = load_site_settings(args.settings, args.content)
    if args.command == "import":
        if args.lang and args.lang not in settings.codes:
            parser.error(f"--lang {args.lang!r} is not a site language ({', '.join(settings.codes)})")
        options = ImportOptions(args.lang, args.date, args.category, args.tags, args.dry_run, args.force)
        batch = Importer(settings, options).prepare(args.paths, progress=progress_bar)
    else:
        batch = pair_content(settings)
    guard.hold()  # from here on a Ctrl-C waits until every file of the batch is written
    written = [] if args.dry_run else commit(batch.writes.values(), batch.report)
    batch.report.interrupted = guard.received
    print_report(batch.report, args.json, args.dry_run)
    if guard.received:
        print(f"interrupted: stopped after completing the batch ({len(written)} files written, listed above)",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    return 1 if batch.report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
