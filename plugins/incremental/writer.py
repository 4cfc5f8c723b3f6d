"""Pelican's writer, skipping every page whose key (page_keys.py) the last build wrote unchanged.

A skipped page is published again as the very file the last build published: plugins/atomic_output
(which builds aside) leaves it in the live folder, as does a build writing into that folder itself.
"""

from __future__ import annotations

import os

from pelican.utils import sanitised_join
from pelican.writers import Writer

from atomic_output import PUBLICATION

from .state import STATE


class IncrementalWriter(Writer):
    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        build = self.settings.get(STATE)
        # Pelican's own pagination writes several files from one call: those are always rendered.
        if build is None or not name or relative_urls or override_output or (
                paginated and template_name in self.settings.get("PAGINATED_TEMPLATES", {})):
            if override_output and self.settings.get(PUBLICATION) is not None:
                self.settings[PUBLICATION].kept.discard(name)  # a kept page written over: this one is published
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        path = sanitised_join(self.output_path, name)
        key = build.keys.page_key(name, template, context, kwargs)
        if key is not None and path not in self._written_files and self._keeps(build, name, key):
            self._written_files.add(path)
            return None
        super().write_file(name, template, context, relative_urls, paginated, template_name, override_output,
                           url, **kwargs)
        build.written(name, key, path)
        return None

    def _keeps(self, build, name: str, key: str) -> bool:
        publication = self.settings.get(PUBLICATION)
        if publication is None and not self._writes_live_folder(build):
            return False  # written aside by something that cannot publish a live file as it is
        return build.reuse(name, key, publication)

    def _writes_live_folder(self, build) -> bool:
        if not hasattr(self, "_in_live_folder"):
            self._in_live_folder = os.path.realpath(self.output_path) == build.live
        return self._in_live_folder
