"""Photo problems, reported the way every build problem is: `<file>: <field>: <what is wrong>`.

The validation plugin owns that report (and the exit code 1 that stops a build before anything is
published); it is loaded after this plugin, so it is imported only when a report is made.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhotoProblem:
    source: str  # the article file, as the editor knows it (content/pt/story.md)
    field: str  # Image, Image_Alt, Image_Caption, Image_Credit, body; or a PHOTOS_* setting
    message: str
    error: bool = True


def report_problems(problems: list[PhotoProblem]) -> None:
    """Log every problem; with any error, end the build (exit code 1) through the validation plugin."""
    if not problems:
        return
    from validation import report
    from validation.problems import Problem

    report([Problem(p.source, p.field, p.message, p.error) for p in problems])
