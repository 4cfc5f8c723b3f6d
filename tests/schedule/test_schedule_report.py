"""Every build prints what is scheduled and when the next change is due, and can write it as JSON for
a scheduler (SCHEDULE_JSON) — outside the output folder, since it names embargoed stories."""

from __future__ import annotations

import json

import pytest

from schedule_site import BEFORE, build_printing, files_containing, newsroom
from validation.problems import BuildFailed

SCHEDULED_LINES = [
    '  2025-06-10 09:00 -03  publish  pt  "Zebulon embargada"  content/pt/zebulon-embargada.md',
    '  2025-06-11 07:00 +07  publish  id  "Wombat tersembunyi"  content/id/tersembunyi-wombat.md',
    '  2025-06-20 18:00 -03  expire   pt  "Relógio da praça"  content/pt/relogio.md',
]


def schedule_lines(printed: str) -> list[str]:
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Schedule: "))
    return [lines[start], *[line for line in lines[start + 1:] if line.startswith("  ")]]


def test_the_build_prints_every_upcoming_change_soonest_first_expiries_included(before):
    assert schedule_lines(before.printed) == [
        'Schedule: 3 scheduled (2 to publish, 1 to expire); next: 2025-06-10 09:00 -03 publish "Zebulon embargada";'
        " 1 expired (not published)",
        *SCHEDULED_LINES,
    ]
    assert "Draf masa depan" not in before.printed  # a draft is not scheduled: it waits for its editor


def test_after_the_embargo_the_next_change_is_the_next_one(after):
    assert schedule_lines(after.printed)[0] == (
        'Schedule: 2 scheduled (1 to publish, 1 to expire); next: 2025-06-11 07:00 +07 publish "Wombat tersembunyi";'
        " 1 expired (not published)")


def test_schedule_json_lists_the_changes_for_a_scheduler_outside_the_output(before):
    path = before.site.output.parent / "state" / "schedule.json"
    document = json.loads(path.read_text("utf-8"))
    assert document["format"] == 1 and document["preview"] is False
    assert document["now"] == "2025-06-09T12:00:00-03:00"
    assert document["next"] == "2025-06-10T09:00:00-03:00"
    assert [(c["at"], c["action"], c["lang"], c["title"], c["url"], c["source"]) for c in document["changes"]] == [
        ("2025-06-10T09:00:00-03:00", "publish", "pt", "Zebulon embargada", "/pt/2025/06/zebulon-embargada/",
         "content/pt/zebulon-embargada.md"),
        ("2025-06-11T07:00:00+07:00", "publish", "id", "Wombat tersembunyi", "/id/2025/06/tersembunyi-wombat/",
         "content/id/tersembunyi-wombat.md"),
        ("2025-06-20T18:00:00-03:00", "expire", "pt", "Relógio da praça", "/pt/2025/06/relogio/", "content/pt/relogio.md"),
    ]
    assert document["expired"] == [{"expired_at": "2025-06-09T11:00:00-03:00", "lang": "pt", "title": "Quokka expira",
                                     "url": "/pt/2025/06/quokka-expira/", "source": "content/pt/quokka-expira.md"}]
    assert files_containing(before.site.output, ("schedule.json",)) == []
    assert not list(before.site.output.rglob("schedule*.json"))


@pytest.mark.parametrize("inside", ["schedule.json", "pt/schedule.json", "."])
def test_a_schedule_json_inside_the_output_folder_stops_the_build_before_anything_is_written(tmp_path, inside):
    output = tmp_path / "output"
    with pytest.raises(BuildFailed) as failure:
        build_printing(newsroom(tmp_path / "content"), output, BUILD_NOW=BEFORE, SCHEDULE_JSON=str(output / inside))
    (problem,) = failure.value.problems
    assert (problem.source, problem.field) == ("settings", "SCHEDULE_JSON")
    assert "inside the output folder" in problem.message and "embargoed" in problem.message
    assert not output.exists() or not any(output.iterdir())
