"""autograder.engine.capture: a cell's outputs, shaped as nbclient hands them to nbgrader."""
from __future__ import annotations

import pytest

from autograder.engine.capture import DATA_LIMIT, Recorder, Stream


def test_writes_to_one_stream_become_one_output_and_streams_alternate():
    recorder = Recorder()
    recorder.begin(1000)
    out, err = Stream(recorder, "stdout"), Stream(recorder, "stderr")
    print("a", file=out)
    print("b", file=out)
    print("oops", file=err)
    out.writelines(["c\n", "d\n"])
    recorder.data("display_data", {"text/plain": "7"}, {})
    print("e", file=out)
    assert recorder.finish() == [
        {"output_type": "stream", "name": "stdout", "text": "a\nb\n"},
        {"output_type": "stream", "name": "stderr", "text": "oops\n"},
        {"output_type": "stream", "name": "stdout", "text": "c\nd\n"},
        {"output_type": "display_data", "data": {"text/plain": "7"}, "metadata": {}},
        {"output_type": "stream", "name": "stdout", "text": "e\n"},
    ]


def test_text_beyond_the_limit_is_cut_and_counted():
    recorder = Recorder()
    recorder.begin(10)
    out = Stream(recorder, "stdout")
    for n in range(200_000):
        print(n, file=out)
    outputs = recorder.finish()
    assert outputs[0] == {"output_type": "stream", "name": "stdout", "text": "0\n1\n2\n3\n4\n"}
    total = sum(len(f"{n}\n") for n in range(200_000))
    assert f"output truncated: {total - 10} more characters not kept" in outputs[1]["text"]


def test_figures_do_not_count_against_the_text_limit():
    recorder = Recorder()
    recorder.begin(10)
    for _ in range(3):
        recorder.data("display_data", {"image/png": "x" * 1000, "text/plain": "<Figure>"}, {})
    recorder.data("display_data", {"image/png": "x" * DATA_LIMIT}, {})  # beyond the rich-output limit
    outputs = recorder.finish()
    assert [o["output_type"] for o in outputs] == ["display_data"] * 3 + ["stream"]
    assert "output truncated" in outputs[-1]["text"]


def test_clear_output_now_or_at_the_next_output():
    recorder = Recorder()
    recorder.begin(100)
    out = Stream(recorder, "stdout")
    out.write("old")
    recorder.clear()
    out.write("new")
    recorder.clear(wait=True)
    assert recorder.outputs == [] and recorder.chunks == ["new"]  # still shown until the next output
    out.write("newest")
    assert recorder.finish() == [{"output_type": "stream", "name": "stdout", "text": "newest"}]


def test_a_display_update_replaces_what_was_shown_under_its_id():
    recorder = Recorder()
    recorder.begin(100)
    recorder.data("display_data", {"text/plain": "0%"}, {}, display_id="bar")
    recorder.data("display_data", {"text/plain": "100%"}, {}, display_id="bar", update=True)
    recorder.data("display_data", {"text/plain": "?"}, {}, display_id="unknown", update=True)
    assert recorder.finish() == [{"output_type": "display_data", "data": {"text/plain": "100%"}, "metadata": {}}]


def test_a_stream_takes_text_only_as_a_real_one_does():
    recorder = Recorder()
    recorder.begin(100)
    with pytest.raises(TypeError, match="must be str, not int"):
        Stream(recorder, "stdout").write(5)
