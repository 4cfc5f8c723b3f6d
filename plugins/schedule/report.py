"""What a build prints about the schedule, and the JSON a scheduler reads (SCHEDULE_JSON).

The JSON names embargoed stories: it is written outside the output folder, never published.

    {"format": 1, "now": "2026-12-02T06:00:00-03:00", "preview": false,
     "next": "2026-12-02T09:00:00-03:00",               # the soonest change, or null
     "changes": [{"at": "…", "action": "publish" | "expire", "lang": "pt", "title": "…",
                  "url": "…", "source": "content/pt/story.md"}, …],   # soonest first
     "expired": [{"expired_at": "…", "lang": "pt", "title": "…", "url": "…", "source": "…"}, …]}
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pelican.log import console

from .clock import shown_moment
from .plan import PUBLISH, STATE, Schedule, Story
from .schedule_settings import schedule_json_path

FORMAT = 1
LISTED_CHANGES = 10  # lines printed under the summary; the JSON lists every change


def quoted(text: str) -> str:
    """A headline in double quotes, control characters escaped (a terminal never runs them)."""
    return json.dumps(text, ensure_ascii=False)


def summary_lines(schedule: Schedule, preview: bool = False) -> list[str]:
    """`3 scheduled (2 to publish, 1 to expire); next: 2026-12-02 06:00 -03 publish "Headline"`,
    then the soonest changes, one a line."""
    changes = schedule.changes
    line = f"{len(changes)} scheduled"
    if changes:
        publishing = sum(change.action == PUBLISH for change in changes)
        first = changes[0]
        line += (f" ({publishing} to publish, {len(changes) - publishing} to expire); next: "
                 f"{shown_moment(first.at)} {first.action} {quoted(first.story.title)}")
    if schedule.expired:
        line += f"; {len(schedule.expired)} expired (not published)"
    if preview and schedule.held:
        line += f"; PREVIEW: {len(schedule.held)} scheduled shown now"
    lines = [f"Schedule: {line}"]
    for change in changes[:LISTED_CHANGES]:
        story = change.story
        lines.append(f"  {shown_moment(change.at)}  {change.action:<7}  {story.lang}  {quoted(story.title)}  {story.source}")
    if len(changes) > LISTED_CHANGES:
        lines.append(f"  … and {len(changes) - LISTED_CHANGES} more")
    return lines


def _story_fields(story: Story, site_url: str) -> dict:
    return {"lang": story.lang, "title": story.title, "url": f"{site_url}/{story.url}" if story.url else None,
            "source": story.source}


def schedule_document(schedule: Schedule, site_url: str, preview: bool = False) -> dict:
    """The schedule as JSON data (format above)."""
    return {
        "format": FORMAT,
        "now": schedule.now.isoformat(),
        "preview": preview,
        "next": schedule.changes[0].at.isoformat() if schedule.changes else None,
        "changes": [{"at": change.at.isoformat(), "action": change.action, **_story_fields(change.story, site_url)}
                    for change in schedule.changes],
        "expired": [{"expired_at": story.expires.isoformat(), **_story_fields(story, site_url)}
                    for story in schedule.expired],
    }


def write_json(path: Path, document: dict) -> None:
    """Write atomically: a scheduler reading the file never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=2)
            out.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def report_schedule(pelican) -> None:
    """finalized: print the schedule, and write SCHEDULE_JSON for a scheduler when set."""
    schedule: Schedule | None = pelican.settings.pop(STATE, None)
    if schedule is None:
        return
    preview = bool(pelican.settings.get("PREVIEW_SCHEDULED"))
    for line in summary_lines(schedule, preview):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    path = schedule_json_path(pelican.settings)
    if path is not None:
        write_json(path, schedule_document(schedule, pelican.settings.get("SITEURL", ""), preview))
