"""Results of text functions kept from build to build (plugins/incremental/memo.py), in shards:
a build that met one changed text rewrites the shards that text moves between, not the others."""

from __future__ import annotations

from incremental.memo import SHARDS, TextMemo


def upper_calls():
    """A text function that records the texts it was asked."""
    calls: list[str] = []

    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    return calls, upper


def test_a_changed_text_rewrites_only_the_shards_it_leaves_and_enters(tmp_path):
    path = tmp_path / "texts.pickle"
    texts = [f"story {n} about the harbour" for n in range(300)]
    calls, upper = upper_calls()
    first = TextMemo(path, load=False)
    assert [first.apply("upper", upper, text) for text in texts] == [text.upper() for text in texts]
    first.save()
    shards = sorted(tmp_path.glob("texts-*.pickle"))
    assert len(shards) == SHARDS and not path.exists()
    inodes = {shard.name: shard.stat().st_ino for shard in shards}

    changed = texts[:150] + ["story 150 about the storm"] + texts[151:]
    calls.clear()
    second = TextMemo(path, load=True)
    assert [second.apply("upper", upper, text) for text in changed] == [text.upper() for text in changed]
    assert calls == ["story 150 about the storm"]  # every other result is the last build's
    second.save()
    rewritten = [name for name, inode in inodes.items() if (tmp_path / name).stat().st_ino != inode]
    assert 1 <= len(rewritten) <= 2

    third = TextMemo(path, load=True)
    calls.clear()
    assert [third.apply("upper", upper, text) for text in changed] == [text.upper() for text in changed]
    assert calls == []


def test_an_earlier_single_file_is_removed_and_a_damaged_shard_is_worked_out_again(tmp_path):
    path = tmp_path / "texts.pickle"
    path.write_bytes(b"the one file of an earlier version")
    calls, upper = upper_calls()
    memo = TextMemo(path, load=True)
    memo.apply("upper", upper, "a")
    memo.save()
    assert not path.exists()
    for shard in tmp_path.glob("texts-*.pickle"):
        shard.write_bytes(b"\x80damaged")
    calls.clear()
    assert TextMemo(path, load=True).apply("upper", upper, "a") == "A"
    assert calls == ["a"]
