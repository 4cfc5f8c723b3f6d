"""plugins/long_lived: a build keeps full garbage collections off while it runs and freezes what it
leaves alive; the process that ran it gets its collector back, and the next build collects what
the last one left once it is garbage."""

from __future__ import annotations

import gc
import weakref

from pelican import signals

from support import build, write_article


class Cycle:
    """Garbage only the cyclic collector frees."""

    def __init__(self):
        self.itself = self


def test_the_next_build_collects_what_a_build_left_frozen(tmp_path):
    content = tmp_path / "content"
    write_article(content, "pt", "chuva", title="Chuva forte em Lisboa", key="chuva")
    write_article(content, "id", "hujan", title="Hujan deras di Lisboa", key="chuva")
    held, made = [], []

    def make_cycle(generator):  # something a build holds until it ends, as it holds its stories
        held.append(Cycle())
        made.append(weakref.ref(held[-1]))

    thresholds = gc.get_threshold()
    signals.article_generator_finalized.connect(make_cycle, weak=False)
    try:
        build(content, tmp_path / "first", INCREMENTAL_BUILDS=False)
        assert gc.get_threshold() == thresholds  # the process has its collector back
        held.clear()  # garbage now, but frozen by the build's end
        gc.collect()
        assert made[0]() is not None
        build(content, tmp_path / "second", INCREMENTAL_BUILDS=False)
    finally:
        signals.article_generator_finalized.disconnect(make_cycle)
    assert gc.get_threshold() == thresholds
    assert made[0]() is None, "the first build's garbage outlived the second build"


def test_a_rebuild_from_the_content_cache_makes_no_full_collection(tmp_path):
    """Reading stories from the content cache leaves next to no garbage: no full collection for it."""
    content = tmp_path / "content"
    for n in range(3):
        write_article(content, "pt", f"chuva-{n}", title=f"Chuva forte {n}", key=f"chuva-{n}")
        write_article(content, "id", f"hujan-{n}", title=f"Hujan deras {n}", key=f"chuva-{n}")
    build(content, tmp_path / "live")
    gc.unfreeze()  # what this process's earlier builds left frozen is collected once, here
    gc.collect()
    full = []

    def count(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(info)

    gc.callbacks.append(count)
    try:
        build(content, tmp_path / "live")
    finally:
        gc.callbacks.remove(count)
    assert full == []
