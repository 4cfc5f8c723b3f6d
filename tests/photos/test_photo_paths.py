"""Photo paths are untrusted: only files inside the content folder can be named."""

import os

import pytest

from photos.source_paths import RefusedPath, resolve_photo


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    (root / "pt").mkdir(parents=True)
    (root / "images" / "2025").mkdir(parents=True)
    (root / "pt" / "story.md").write_text("x")
    (root / "pt" / "beside.jpg").write_bytes(b"x")
    (root / "images" / "shared.jpg").write_bytes(b"x")
    (root / "images" / "2025" / "nested.jpg").write_bytes(b"x")
    (root / "images" / "beside.jpg").write_bytes(b"shared one")
    (tmp_path / "secret.jpg").write_bytes(b"outside")
    return root


def resolve(value, content):
    return resolve_photo(value, str(content / "pt" / "story.md"), str(content), "images")


def test_a_name_is_looked_up_beside_the_article_then_in_the_shared_folder(content):
    assert resolve("beside.jpg", content) == (content / "pt" / "beside.jpg").resolve()
    assert resolve("shared.jpg", content) == (content / "images" / "shared.jpg").resolve()
    assert resolve("2025/nested.jpg", content) == (content / "images" / "2025" / "nested.jpg").resolve()
    assert resolve("./beside.jpg", content) == (content / "pt" / "beside.jpg").resolve()


@pytest.mark.parametrize("value, reason", [
    ("../../etc/passwd", "'..'"),
    ("images/../../secret.jpg", "'..'"),
    ("/etc/passwd", "absolute path"),
    ("https://example.com/photo.jpg", "URL"),
    ("//example.com/photo.jpg", "URL"),
    ("file:///etc/passwd", "URL"),
    ("javascript:alert(1)", "URL"),
    ("..\\..\\secret.jpg", "contains '\\'"),
    ("photo\x00.jpg", "control character"),
    ("   ", "empty"),
    ("./shared.jpg", "no such file"),  # ./ means beside the article only
    ("missing.jpg", "no such file (looked in content/pt/ and content/images/)"),
])
def test_hostile_or_wrong_paths_are_refused_with_the_reason(content, value, reason):
    with pytest.raises(RefusedPath) as refused:
        resolve(value, content)
    assert reason in str(refused.value)


def test_a_symbolic_link_out_of_the_content_folder_is_refused(content):
    os.symlink(content.parent / "secret.jpg", content / "images" / "evil.jpg")
    os.symlink("/etc/passwd", content / "images" / "passwd.jpg")
    for name in ("evil.jpg", "passwd.jpg"):
        with pytest.raises(RefusedPath, match="leads out of the content folder"):
            resolve(name, content)


def test_a_folder_is_not_a_photo(content):
    with pytest.raises(RefusedPath, match="not a file"):
        resolve("2025", content)
