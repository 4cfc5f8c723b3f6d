"""The post-build "nothing lost" checks cover photos: every published variant and the sitemap entry."""

from pathlib import Path

from pelican.settings import read_settings

from photo_support import draw_jpeg, pelican_cli, photo_fields
from support import ROOT, write_article

TEST_PLUGINS = Path(__file__).resolve().parent / "plugins"


def test_a_lost_photo_file_or_sitemap_entry_fails_the_build_naming_the_article(tmp_path):
    content = tmp_path / "content"
    draw_jpeg(content / "images" / "harbour.jpg")
    write_article(content, "pt", "porto", title="Porto", extra=photo_fields("harbour.jpg", "Barcos no porto"))
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    # After the site is written and before validation checks it (a separate process: Pelican's
    # signals are global, the test plugin must not stay connected in this one).
    plugins.insert(plugins.index("validation"), "lose_photo_files")
    result = pelican_cli(content, tmp_path / "output", tmp_path / "cache", PLUGINS=plugins,
                         PLUGIN_PATHS=[str(ROOT / "plugins"), str(TEST_PLUGINS)])
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "ERROR: content/pt/porto.md: Image: /images/harbour." in printed and ".800.webp was not written" in printed, printed
    assert "ERROR: content/pt/porto.md: sitemap: photo /images/harbour." in printed, printed
    assert "Traceback" not in printed
