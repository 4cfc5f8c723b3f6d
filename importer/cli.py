"""`newsroom import`, `pair`, `status` and `translated`: the editors' command line."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .content_store import CONTROL_CHARACTERS
from .interrupts import InterruptGuard

if TYPE_CHECKING:
    from .import_batch import Report
    from .translation_status import StatusReport, StatusSettings

# The importer's own modules load lingua, Pelican and markdown: they are imported inside main(), once
# the Ctrl-C guard is in place, so that an interrupt while they load ends as cleanly as any other.

PROGRESS_MIN_FILES = 20
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped with Ctrl-C


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def flag_names(value: str) -> list[str]:
    """--fail-on's comma-separated flag names, each one a status flag."""
    from .translation_status import FLAGS

    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in FLAGS]
    if unknown or not names:
        shown_unknown = ", ".join(map(repr, unknown)) if unknown else "no flag"
        raise argparse.ArgumentTypeError(f"unknown flag {shown_unknown}: choose among {','.join(FLAGS)}")
    return names


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsroom",
                                     description="Import raw articles, pair translations, follow their state.")
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

    status = commands.add_parser("status", help="which editions have each story; missing, stale, orphan and "
                                                "conflicting translations")
    status.add_argument("--fail-on", type=flag_names, default=[], metavar="FLAGS",
                        help="exit 1 when a story has one of these flags (comma-separated: missing,stale,orphan,"
                             "conflict)")
    status.add_argument("--only-flagged", action="store_true", help="list only the stories with a flag")

    translated = commands.add_parser("translated", help="mark a translation done against its original's current "
                                                        "text (writes its Translation_Of)")
    translated.add_argument("file", type=Path, metavar="FILE", help="the translation, a markdown file in content/")
    translated.add_argument("--from", dest="from_lang", metavar="LANG",
                            help="the original's language, when the story has versions in several")

    for command in (importing, pairing, status, translated):
        command.add_argument("--content", type=Path, help="content folder (default: PATH of the settings)")
    for command in (importing, pairing, translated):
        command.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
    for command in (importing, pairing, status):
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
    """Run `newsroom`; the exit code is 0, 1 when a file failed (or, for `status`, a --fail-on flag is
    present), 2 for a usage error, 130 after Ctrl-C."""
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
    if args.command in ("status", "translated"):
        return run_translations(parser, args)
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


def run_translations(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`newsroom status` (0; 1 when a --fail-on flag is present or a file could not be read) and
    `newsroom translated` (0; 1 when the file is refused)."""
    from .translation_status import SettingError, load_status_settings, status_report

    try:
        settings = load_status_settings(args.settings, args.content)
    except SettingError as error:
        parser.error(f"{args.settings}: {error}")
    if args.command == "translated":
        if args.from_lang is not None and args.from_lang not in settings.languages:
            parser.error(f"--from {args.from_lang!r} is not a site language ({', '.join(settings.languages)})")
        return mark_translation(args.file, settings, args.from_lang, args.dry_run)
    report = status_report(settings)
    print_status(report, args.json, args.only_flagged)
    failing = report.present(args.fail_on)
    if failing and not args.json:
        print(f"failing: {', '.join(failing)} (--fail-on {','.join(args.fail_on)})", file=sys.stderr)
    return 1 if failing or report.problems else 0


def print_status(report: StatusReport, as_json: bool, only_flagged: bool) -> None:
    from .translation_status import FLAGS, report_json, status_table

    if as_json:
        json.dump(report_json(report, lambda path: shown(str(path))), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    width = shutil.get_terminal_size((80, 24)).columns
    for line in status_table(report, width, only_flagged):
        print(printable(line))
    for note in (note for story in report.stories for note in story.notes):
        print(printable(f"{note.flag}: {shown(str(note.path))}: {note.message}"))
    for problem in report.problems:
        where = f"{shown(str(problem.path))}: {problem.field}" if problem.field else shown(str(problem.path))
        print(printable(f"problem: {where}: {problem.message}"), file=sys.stderr)
    counts = ", ".join(f"{report.count(flag)} {flag}" for flag in FLAGS)
    stories = f"{len(report.stories)} {'story' if len(report.stories) == 1 else 'stories'}"
    problems = f"; {len(report.problems)} unreadable" if report.problems else ""
    print(f"{stories}: {counts}; {report.unrecorded} without a Translation_Of record{problems}")
    if report.unrecorded:
        print("(once a translation is checked against its original, `newsroom translated FILE` records it)")


def mark_translation(path: Path, settings: StatusSettings, from_lang: str | None, dry_run: bool) -> int:
    """Write the translation's Translation_Of (unless --dry-run); 1 when it is refused or cannot be written."""
    from .content_store import UnsafeTarget, write_inside
    from .translation_status import MarkRefused, mark_translated

    try:
        mark = mark_translated(path, settings, from_lang)
        if mark.changed and not dry_run:
            write_inside(settings.content.resolve(), path, mark.text)
    except MarkRefused as refusal:
        where = f"{shown(str(path))}: {refusal.field}" if refusal.field else shown(str(path))
        print(printable(f"refused: {where}: {refusal}"), file=sys.stderr)
        return 1
    except (UnsafeTarget, OSError) as error:
        print(printable(f"failed: {shown(str(path))}: {getattr(error, 'strerror', None) or error}"), file=sys.stderr)
        return 1
    original = shown(str(mark.original.path))
    if not mark.changed:
        print(printable(f"unchanged: {shown(str(path))}: Translation_Of {mark.value} matches {original} already"))
    else:
        verb = "would mark" if dry_run else "marked"
        print(printable(f"{verb}: {shown(str(path))}: Translation_Of {mark.value} ({original})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
