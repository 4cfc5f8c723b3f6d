"""A build publishes into the folder the web server serves: a symlinked web root, a mount point, a plain folder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from publishing_support import (AS_ROOT, PREFIX, assert_complete_site, build_env, fake_site, pelican, printed,
                                tiny_content)
from support import ROOT, build, write_article


def test_a_symlinked_web_root_gets_the_new_site_and_keeps_its_retained_entries(tmp_path):
    content = tiny_content(tmp_path)
    web_root, output = tmp_path / "www", tmp_path / "output"
    fake_site(web_root)
    (web_root / "CNAME").write_text("news.example.org\n")
    (web_root / ".well-known/acme-challenge").mkdir(parents=True)
    (web_root / ".well-known/acme-challenge/token").write_text("proof")
    output.symlink_to(web_root)

    result = pelican(content, output, "-e", 'OUTPUT_RETENTION=["CNAME", ".well-known"]')

    assert result.returncode == 0, printed(result)
    assert output.is_symlink() and os.readlink(output) == str(web_root)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output", "www"]
    assert (web_root / "CNAME").read_text() == "news.example.org\n"
    assert (web_root / ".well-known/acme-challenge/token").read_text() == "proof"
    (web_root / "CNAME").unlink()
    (web_root / ".well-known/acme-challenge/token").unlink()
    (web_root / ".well-known/acme-challenge").rmdir()
    (web_root / ".well-known").rmdir()
    assert_complete_site(web_root)
    assert "Um" in served_page(output, "/pt/2025/01/um/")  # what `make serve` shows


def served_page(output, url: str) -> str:
    """A page as `make serve` (pelican --listen on the output path) serves it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "pelican", "--listen", "--bind", "127.0.0.1", "--port", str(port), "-o", str(output),
         "-s", "pelicanconf.py"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=build_env(None))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=5) as response:
                    return response.read().decode()
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)


@AS_ROOT
def test_a_mount_point_is_published_into_build_after_build(shared_dir, tmpfs):
    content = tiny_content(shared_dir)
    output = tmpfs(shared_dir / "output")
    fake_site(output)

    first = pelican(content, output)
    assert first.returncode == 0, printed(first)
    assert_complete_site(output)

    (content / "id/satu.md").unlink()
    write_article(content, "id", "dua", title="Dua", key="k")
    second = pelican(content, output)

    assert second.returncode == 0, printed(second)
    assert os.path.ismount(output)
    assert (output / "id/2025/01/dua/index.html").is_file()
    assert not (output / "id/2025/01/satu").exists()
    assert not any(p.name.startswith(PREFIX) for p in output.iterdir())
    assert sorted(p.name for p in shared_dir.iterdir()) == ["content", "output"]


def test_a_retained_folder_is_merged_with_the_new_one_as_pelican_would(tmp_path):
    content = tiny_content(tmp_path)
    (content / "media").mkdir()
    (content / "media/new.txt").write_text("from this build")
    output = tmp_path / "output"
    (output / "media").mkdir(parents=True)
    (output / "media/uploaded.txt").write_text("put there by hand")
    (output / "media/new.txt").write_text("from an older build")
    (output / "stale.html").write_text("gone")

    build(content, output, STATIC_PATHS=["media"], OUTPUT_RETENTION=["media"])

    assert (output / "media/uploaded.txt").read_text() == "put there by hand"
    assert (output / "media/new.txt").read_text() == "from this build"
    assert not (output / "stale.html").exists()
    assert not any(p.name.startswith(PREFIX) for p in output.iterdir())
