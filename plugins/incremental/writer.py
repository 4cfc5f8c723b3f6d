"""Pelican's writer, skipping every page whose key (page_keys.py) the last build wrote unchanged.

A skipped page is published again as the very file the last build published: a hard link from
the live output folder into the folder this build writes (plugins/atomic_output builds aside),
or the file left in place when the build writes into the live folder itself.
"""

from __future__ import annotations

import os

from pelican.utils import sanitised_join
from pelican.writers import Writer

from .state import STATE


class IncrementalWriter(Writer):
    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        build = self.settings.get(STATE)
        # Pelican's own pagination writes several files from one call: those are always rendered.
        if build is None or not name or relative_urls or override_output or (
                paginated and template_name in self.settings.get("PAGINATED_TEMPLATES", {})):
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        path = sanitised_join(self.output_path, name)
        key = build.keys.page_key(name, template, context, kwargs)
        if key is not None and path not in self._written_files and build.reuse(name, key, path, self._in_place(build)):
            self._written_files.add(path)
            return None
        super().write_file(name, template, context, relative_urls, paginated, template_name, override_output,
                           url, **kwargs)
        build.written(name, key, path)
        return None

    def _in_place(self, build) -> bool:
        if not hasattr(self, "_writes_live_folder"):
            self._writes_live_folder = os.path.realpath(self.output_path) == build.live
        return self._writes_live_folder

    def _open_w(self, filename, encoding, override=False):
        # A reused page is a hard link to the live file: writing through it would change the live
        # site before it is published. Replace the link instead of writing into it.
        if os.path.islink(filename) or (os.path.exists(filename) and os.stat(filename).st_nlink > 1):
            os.unlink(filename)
        return super()._open_w(filename, encoding, override)
