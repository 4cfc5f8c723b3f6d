"""Property test of the whole pipeline: hostile metadata and bodies through `newsroom import` and the build.

Whatever the values, nothing is written outside content/ and output/, no exception other than
the build's own refusal escapes, every refusal names a file and a field, and no page or feed
carries a script, an event handler or a script URL.
"""

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings, strategies as st

from importer.cli import main as newsroom
from markup_policy.policy import XML_FORBIDDEN
from support import PROJECT_SKIP, ROOT, build, changed_files, dangerous_markup, file_times
from validation.problems import BuildFailed

HOSTILE_PIECES = [
    "<script>alert(1)</script>", '<img src="https://x.invalid/i.png" onerror="alert(2)">', "[x](javascript:alert(3))",
    '<a href="JaVaScRiPt:alert(4)">a</a>', "../../README", "/etc/passwd", "..", "/", "\nSummary: <script>x</script>",
    "\nSlug: ../../escape", "\r\nStatus: draft", "\x00\x07\x1b", "{filename}/../x.md", "<svg onload=alert(5)>",
    "Título acentuado", "Berita hari ini", "2025-01-03", "ia, IA, Ia", "   ", "<!-- c -->", "&lt;script&gt;",
]
VALUE = st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=30)), max_size=4).map("".join)
FIELDS = ["Title", "Date", "Lang", "Slug", "Summary", "Tags", "Category", "Translation_Key", "Status", "Author"]
STORY = st.tuples(st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=len(FIELDS)),
                  st.lists(VALUE, min_size=1, max_size=4))
# An editor's own file: the fields the build requires are there and its slug is its own, every
# other value is hostile but on its line (a line break would only make it a field of its own,
# which STORY covers) and free of what XML forbids (tests/validation covers those).
OPTIONAL = ["Summary", "Tags", "Category", "Author", "Translation_Key"]
HAND_WRITTEN = st.tuples(VALUE, st.dictionaries(st.sampled_from(OPTIONAL), VALUE, max_size=len(OPTIONAL)),
                         st.lists(VALUE, min_size=1, max_size=4))


def hand_written_source(number: int, title: str, fields: dict, paragraphs: list[str], lang: str) -> str:
    def typed(value: str) -> str:
        return XML_FORBIDDEN.sub("", " ".join(value.split()))

    required = {"Title": "Notícia " + typed(title), "Date": "2025-01-03", "Lang": lang, "Slug": f"hand-{number}"}
    return markdown_source({**required, **{name: typed(value) for name, value in fields.items()}},
                           [XML_FORBIDDEN.sub("", p) for p in paragraphs])


def markdown_source(fields: dict, paragraphs: list[str]) -> str:
    header = "\n".join(f"{name}: {value}" for name, value in fields.items())
    return f"{header}\n\n" + "\n\n".join(paragraphs) + "\n"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STORY, min_size=1, max_size=4), st.lists(HAND_WRITTEN, max_size=2), st.sampled_from(["pt", "id"]))
def test_hostile_stories_through_import_and_build(imported, hand_written, lang):
    project_before = file_times(ROOT, PROJECT_SKIP)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        inbox, content, output = root / "inbox", root / "content", root / "output"
        inbox.mkdir()
        content.mkdir()
        for number, (fields, paragraphs) in enumerate(imported):
            (inbox / f"story-{number}.md").write_text(markdown_source(fields, paragraphs), "utf-8")
        for number, (title, fields, paragraphs) in enumerate(hand_written):
            path = content / lang / f"hand-{number}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(hand_written_source(number, title, fields, paragraphs, lang), "utf-8")
        outside_before = file_times(root, {"content", "output"})

        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            status = newsroom(["--settings", str(ROOT / "pelicanconf.py"), "import", str(inbox),
                               "--content", str(content), "--lang", lang, "--date", "2025-01-03"])
        assert status in (0, 1)
        for line in printed.getvalue().splitlines():
            assert "unexpected error" not in line, line
            if line.startswith("failed:"):
                assert str(inbox) in line, line  # a refusal names its file

        try:
            build(content, output)
        except BuildFailed as failure:
            event("build refused")
            for problem in failure.problems:
                assert problem.source.startswith("content/") and problem.field, str(problem)
        else:
            event("build published" + (" hand-written stories too" if hand_written else ""))
            for page in output.rglob("*"):
                if page.suffix in (".html", ".xml"):
                    assert dangerous_markup(page) == [], page
        assert file_times(root, {"content", "output"}) == outside_before
    # Other people may edit the project meanwhile: what counts is anything the pipeline writes.
    written = [p for p in changed_files(project_before, file_times(ROOT, PROJECT_SKIP))
               if p.endswith((".html", ".xml", ".json")) or b"Import_Sha256:" in Path(p).read_bytes()]
    assert written == []
