"""The editors' page's values: the status report as plain text, numbers, lists and dicts.

Plain values are what plugins/incremental keys fastest (in C), and they are exactly what the page
shows: the report's moment is not among them, only the ages and flags it decides. A rebuild whose
report reads the same (nothing changed, and no age passed an hour) keeps the page as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from importer.translation_status import FLAGS, StatusReport, Version, age_text, content_name, version_state


def version_values(version: Version, url: str | None) -> dict:
    return {"state": version_state(version), "draft": version.status == "draft", "url": url,
            "lang": version.lang, "title": version.title, "name": version.name}


def page_values(report: StatusReport, page_url: Callable[[Version], str | None]) -> dict:
    """The template's arguments (theme/templates/editors_translations.html); `page_url`: a version's
    page, None when the build publishes none."""
    languages = report.settings.languages
    content = report.settings.content
    rows = []
    for story in report.stories:
        cells = [[version_values(v, page_url(v)) for v in story.versions if v.lang == code] for code in languages]
        rows.append({"ident": story.ident, "flags": list(story.flags), "cells": cells})
    return {
        "story_count": len(report.stories),
        "flag_counts": [[flag, report.count(flag)] for flag in FLAGS],
        "unrecorded": report.unrecorded,
        "missing_after": age_text(report.settings.missing_after),
        "languages": list(languages),
        "rows": rows,
        "notes": [{"flag": note.flag, "file": content_name(note.path, content), "message": note.message}
                  for story in report.stories for note in story.notes],
        "problems": [{"file": content_name(problem.path, content), "field": problem.field, "message": problem.message}
                     for problem in report.problems],
    }
