"""Fixtures for real web-root layouts: folders another user can reach, tmpfs mounts (as root)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def shared_dir():
    """A temporary folder every user may enter and write into (pytest's own is mode 0700, root's only)."""
    folder = Path(tempfile.mkdtemp(prefix="publishing-"))
    folder.chmod(0o777)
    yield folder
    for mount_point in mounts_under(folder):  # wherever the code under test may have moved them
        subprocess.run(["umount", "--lazy", mount_point], check=True)
    shutil.rmtree(folder)


@pytest.fixture
def tmpfs(shared_dir):
    """Mount a small tmpfs on a folder of shared_dir (a Docker volume's or a RAM disk's situation)."""

    def _mount(folder: Path, size: str = "16m") -> Path:
        assert folder.is_relative_to(shared_dir), "shared_dir unmounts it afterwards"
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)], check=True)
        return folder

    return _mount


def mounts_under(folder: Path) -> list[str]:
    """Mount points inside `folder`, deepest first."""
    with open("/proc/self/mounts", encoding="utf-8") as table:
        points = [line.split()[1] for line in table]
    return sorted((p for p in points if p.startswith(f"{folder}/")), key=len, reverse=True)
