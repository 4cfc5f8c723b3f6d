"""A check run in a forked process answers what it would have answered in the build's own."""

import gc
import os

import pytest

from validation.background import in_background


def test_the_answer_comes_back_and_the_process_sees_the_builds_objects_as_they_were():
    stories = [{"url": f"pt/{n}/"} for n in range(1000)]
    answer = in_background(lambda: [story["url"] for story in stories if story["url"].endswith("7/")])
    stories.clear()  # the forked process has its own copy of memory from the moment it started
    assert answer() == [f"pt/{n}/" for n in range(1000) if str(n).endswith("7")]


def test_an_error_in_the_check_is_raised_with_its_traceback():
    def failing():
        raise ValueError("no sitemap")

    answer = in_background(failing)
    with pytest.raises(RuntimeError, match="(?s)Traceback.*ValueError: no sitemap"):
        answer()


def test_a_process_that_dies_is_an_error_naming_its_exit_code():
    answer = in_background(lambda: os._exit(3))
    with pytest.raises(RuntimeError, match="exit code 3"):
        answer()


def test_objects_frozen_before_stay_frozen_and_none_are_left_frozen_otherwise():
    gc.unfreeze()
    in_background(lambda: None)()
    assert gc.get_freeze_count() == 0
    marker = ["a container the collector tracks"]
    gc.freeze()  # as plugins/long_lived leaves a finished build
    try:
        # a frozen object is in no generation the collector walks (the count of frozen objects
        # is no measure: any of them may be freed meanwhile)
        assert not any(found is marker for found in gc.get_objects())
        in_background(lambda: None)()
        assert not any(found is marker for found in gc.get_objects())
    finally:
        gc.unfreeze()
    assert any(found is marker for found in gc.get_objects())
