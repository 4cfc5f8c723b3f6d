"""Property tests: hostile metadata and bodies through `newsroom import`, in every source format.

Whatever the values (line breaks, `../`, absolute paths, control characters, <script>,
javascript: links, markup split across paragraphs), the importer writes only inside the
temporary content/ folder, raises nothing, names the file of every failure, writes exactly the
fields it means to (each on one line, nothing injected), and nothing it writes renders — as the
build's markdown reader renders it — to a script, an event handler or a script URL.
"""

import contextlib
import io
import os
import re
import tempfile
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings, strategies as st
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from importer.cli import main
from importer.content_store import parse_article
from importer.sources import escape_markdown
from support import PROJECT_SKIP, ROOT, changed_files, dangerous, file_times

HOSTILE = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "[x](javascript:alert(3))",
    '<a href="JaVaScRiPt:alert(4)">a</a>', "../../README", "/etc/passwd", "..", "/", "\nSummary: injected",
    "\nStatus: draft", "\r\nSlug: ../../escape", "\rTranslation_Key: forged", "\x00\x07\x1b\x0b\x0c\x85\u2028",
    '{: onclick="alert(5)" }', '\n{: onclick="alert(5)" }', "<svg onload=alert(6)>", "<!-- c -->",
    "&lt;script&gt;alert(7)&lt;/script&gt;", '<div title="', '" onmouseover="alert(8)">', "\n\n",
    "[r]: javascript:alert(9)", "[y][r]", "</div>", "Título acentuado", "Notícia de hoje", "2025-01-03",
    "2025-01-03 99:99", "<p", "`", "10²",
]
VALUE = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), max_size=4).map("".join)
FIELDS = ["Title", "Date", "Lang", "Slug", "Summary", "Tags", "Category", "Translation_Key", "Author", "Status"]
STORY = st.tuples(st.sampled_from([".md", ".txt", ".html"]),
                  st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=len(FIELDS)),
                  st.lists(VALUE, min_size=1, max_size=4))
WRITTEN = {"title", "date", "lang", "slug", "translation_key", "category", "tags", "author", "summary",
           "needs_review", "source", "source_sha256", "import_sha256"}
ALWAYS = {"title", "date", "lang", "slug", "source", "source_sha256", "import_sha256"}
SLUG = re.compile(r"[a-z0-9]+(?:[-_]+[a-z0-9]+)*")
READER = MarkdownReader(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(ROOT)}))
BUILD_MARKDOWN = markdown.Markdown(**READER.settings["MARKDOWN"])  # as the reader renders a body


def source_text(suffix: str, fields: dict, paragraphs: list[str]) -> str:
    """A source file as someone might send it: values pasted in as they are."""
    if suffix == ".md":
        return "\n".join(f"{name}: {value}" for name, value in fields.items()) + "\n\n" + "\n\n".join(paragraphs)
    if suffix == ".txt":
        return "\n\n".join([fields.get("Title", ""), *paragraphs])
    return (f"<html><head><title>{fields.get('Summary', '')}</title></head><body><article>"
            f"<h1>{fields.get('Title', '')}</h1><time datetime=\"{fields.get('Date', '')}\"></time>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")


def written_by_the_importer(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """New or changed files that carry the importer's hash line (other people may edit the project meanwhile)."""
    return [path for path in changed_files(before, after) if b"Import_Sha256:" in Path(path).read_bytes()]


def assert_written_as_intended(path: Path, lang: str) -> None:
    text = path.read_text("utf-8")
    article = parse_article(path, text)
    header = text.split("\n\n", 1)[0].split("\n")
    names = [line.split(":", 1)[0] for line in header]
    assert all(re.fullmatch(r"[A-Z][A-Za-z0-9_]*: \S.*", line) for line in header), header
    assert len(names) == len(set(names)) and ALWAYS <= set(article.metadata) <= WRITTEN, names
    assert not article.edited  # the recorded hash matches: it re-reads exactly as written
    assert article.metadata["lang"] == lang and SLUG.fullmatch(article.metadata["slug"])
    assert path.name == f"{article.metadata['slug']}.md" and path.parent.name == lang
    assert "<script" not in "\n".join(header).lower()
    content, metadata = READER.read(str(path))  # the build's reader: same fields, nothing injected
    assert set(metadata) == set(article.metadata), (set(metadata), set(article.metadata))
    assert dangerous(content) == [], content
    assert dangerous(str(metadata.get("summary", ""))) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STORY, min_size=1, max_size=3), st.sampled_from(["pt", "id"]), st.booleans())
def test_hostile_sources_are_imported_safely_or_refused_by_name(stories, lang, give_date):
    project_before = file_times(ROOT, PROJECT_SKIP)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        inbox, content = root / "inbox", root / "content"
        inbox.mkdir()
        for number, (suffix, fields, paragraphs) in enumerate(stories):
            (inbox / f"story-{number}{suffix}").write_text(source_text(suffix, fields, paragraphs), "utf-8")
        root_before = file_times(root, {"content"})

        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            status = main(["--settings", str(ROOT / "pelicanconf.py"), "import", str(inbox), "--content",
                           str(content), "--lang", lang, *(["--date", "2025-01-03"] if give_date else [])])

        assert status in (0, 1)
        for line in printed.getvalue().splitlines():
            assert "unexpected error" not in line, line
            if line.startswith("failed:"):
                assert line.startswith(f"failed: {inbox}{os.sep}story-"), line
        assert file_times(root, {"content"}) == root_before
        for path in content.rglob("*"):
            assert path.is_dir() or path.suffix == ".md", path  # no temporary file left behind
            if path.suffix == ".md":
                assert_written_as_intended(path, lang)
    assert written_by_the_importer(project_before, file_times(ROOT, PROJECT_SKIP)) == []


@settings(max_examples=300)
@given(st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), max_size=8).map("".join))
def test_escaped_plain_text_renders_to_no_script_or_handler(text):
    # Plain text and HTML imports are not sanitised (that would slow them down): their escaping must hold.
    html = BUILD_MARKDOWN.reset().convert(escape_markdown(text))
    assert dangerous(html) == [], html
    assert {name for tag in BeautifulSoup(html, "html.parser").find_all(True) for name in tag.attrs} <= {"style"}
