"""Pelican's writer, skipping every page whose key (page_keys.py) the last build wrote unchanged.

A skipped page is published again as the very file the last build published: plugins/atomic_output
(which builds aside) leaves it in the live folder, as does a build writing into that folder itself.
A page rendered to the very bytes of its live file is kept the same way (any build, incremental or
not, through atomic_output): after a change of settings or theme most pages are, and publishing
then moves only the pages that differ instead of replacing and deleting every file of the site.
"""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from atomic_output import PUBLICATION

from .state import STATE

logger = logging.getLogger(__name__)


class IncrementalWriter(Writer):
    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if paginated is None:  # as Pelican decides it
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        build, publication = self.settings.get(STATE), self.settings.get(PUBLICATION)
        # Pelican's own pagination writes several files from one call, and relative URLs change the
        # context: both are left to Pelican (this project's templates use neither).
        if not name or relative_urls or (paginated and template_name in self.settings.get("PAGINATED_TEMPLATES", {})):
            if build is not None:
                build.groups.page(name, None, ())  # pages not known one by one: a group holding them is not kept whole
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        path = sanitised_join(self.output_path, name)
        key = None
        if build is not None and not override_output:
            key = build.keys.page_key(name, template, context, kwargs)
            if build.groups.open is not None:
                build.groups.page(name, key, build.keys.layouts[(template.name, *kwargs)][1] if key else ())
            if key is not None and path not in self._written_files and self._keeps(build, name, key, publication):
                self._written_files.add(path)
                return None
        elif build is not None:
            build.groups.page(name, None, ())
        if override_output and publication is not None:
            publication.kept.discard(name)  # a kept page written over: this one is published
        self._render(name, path, template, context, override_output, kwargs, publication)
        if build is not None:
            # not written when rendered to the live file's very bytes: that file is the page
            build.written(name, key, path if os.path.exists(path) else os.path.join(build.live, name))
        return None

    def keep_group(self, name: str, inputs, context):
        """Keep a group of pages whole (plugins/incremental/page_groups.py): the record the generator
        gave end_group last time when they are all kept as they are, else None; then the pages
        written until end_group are the group's."""
        build, publication = self.settings.get(STATE), self.settings.get(PUBLICATION)
        if build is None or (publication is None and not self._writes_live_folder(build)):
            return None
        kept = build.keep_group(name, inputs, context, publication)
        if kept is None:
            return None
        pages, record = kept
        # as write_file would (sanitised_join: names the last build found safe): a page written over later is reported
        base = os.path.abspath(self.output_path)
        self._written_files.update(os.path.normpath(os.path.join(base, page)) for page in pages)
        return record

    def end_group(self, context, record) -> None:
        """The group's pages are written; `record` is what keep_group gives back next time."""
        build = self.settings.get(STATE)
        if build is not None:
            build.groups.end(build.keys, context, record)

    def _render(self, name, path, template, context, override, kwargs, publication) -> None:
        """Pelican's writing of one page (Writer.write_file without pagination or relative URLs),
        except that a page rendered to the live file's very bytes is kept live (atomic_output)
        rather than written: not even its folder is made."""
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        output = template.render(localcontext)
        if publication is not None and path not in self._written_files and publication.keep_if_same(
                name, output.encode("utf-8")):
            self._written_files.add(path)
            if override:
                self._overridden_files.add(path)
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with self._open_w(path, "utf-8", override=override) as file:
            file.write(output)
        logger.info('Writing "%s"', path)
        signals.content_written.send(path, context=localcontext)

    def _keeps(self, build, name: str, key: str, publication) -> bool:
        if publication is None and not self._writes_live_folder(build):
            return False  # written aside by something that cannot publish a live file as it is
        return build.reuse(name, key, publication)

    def _writes_live_folder(self, build) -> bool:
        if not hasattr(self, "_in_live_folder"):
            self._in_live_folder = os.path.realpath(self.output_path) == build.live
        return self._in_live_folder
