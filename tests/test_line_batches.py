"""`ask -` reads stdin in batches of the lines already there, and never waits for more."""

from __future__ import annotations

import contextlib
import io
import os
import signal
from collections.abc import Iterator

import pytest

from faqbot import line_batches
from faqbot.line_batches import line_batches as batches_of


@pytest.fixture
def pipe() -> Iterator[tuple[io.TextIOWrapper, int]]:
    """A text stream reading a pipe, and the pipe's write end; a test that would wait for
    input that never comes is ended after 10 seconds."""
    read_end, write_end = os.pipe()
    stream = open(read_end, encoding="utf-8")  # noqa: SIM115 - closed below

    def waited_too_long(signum, frame):
        raise TimeoutError("the reader waited for input that never came")

    previous = signal.signal(signal.SIGALRM, waited_too_long)
    signal.alarm(10)
    try:
        yield stream, write_end
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        stream.close()
        with contextlib.suppress(OSError):  # unless the test closed it
            os.close(write_end)


def test_the_lines_already_there_come_in_one_batch(pipe):
    stream, write_end = pipe
    os.write(write_end, b"one\ntwo\r\nthree\n")
    batches = batches_of(stream)
    assert next(batches) == ["one", "two\r", "three"]  # "\r" is the caller's to strip
    os.write(write_end, b"four\n")
    assert next(batches) == ["four"]
    os.close(write_end)
    assert list(batches) == []


def test_a_batch_never_waits_for_the_next_line(pipe):
    # The pipe stays open: a reader that waited for a second line would hang (and the
    # alarm end the test).
    stream, write_end = pipe
    os.write(write_end, b"first\nsecond without its end")
    assert next(batches_of(stream)) == ["first"]


def test_batches_hold_at_most_most_lines_and_the_last_line_needs_no_newline(pipe):
    stream, write_end = pipe
    os.write(write_end, b"".join(b"q%d\n" % i for i in range(9)) + b"last")
    os.close(write_end)
    assert [len(b) for b in batches_of(stream, most=4)] == [4, 4, 2]


def test_text_split_between_reads_is_decoded_whole(pipe, monkeypatch):
    monkeypatch.setattr(line_batches, "CHUNK", 1)  # one byte a read: every character split
    stream, write_end = pipe
    os.write(write_end, "Kim’s visit — 北朝鮮\nnext\n".encode())
    os.close(write_end)
    assert [line for b in batches_of(stream) for line in b] == ["Kim’s visit — 北朝鮮", "next"]


def test_invalid_bytes_are_replaced(pipe):
    stream, write_end = pipe
    os.write(write_end, b"Kim\xff\xfe's\n\xc3\x28\n")
    os.close(write_end)
    assert next(batches_of(stream)) == ["Kim\ufffd\ufffd's", "\ufffd("]


def test_a_long_line_read_in_many_pieces_is_one_line(pipe, monkeypatch):
    monkeypatch.setattr(line_batches, "CHUNK", 1000)
    stream, write_end = pipe
    line = "blah " * 10_000
    os.write(write_end, (line + "\nshort\n").encode())  # fits the pipe's buffer (64 KiB)
    os.close(write_end)
    assert [line for b in batches_of(stream) for line in b] == [line, "short"]


def test_a_line_past_the_longest_kept_is_cut_and_the_next_line_is_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(line_batches, "MAX_LINE", 10)
    monkeypatch.setattr(line_batches, "CHUNK", 7)  # the cut falls inside a read, and across
    path = tmp_path / "lines.txt"
    path.write_text("0123456789abcdefghij" * 3 + "\nnext\n" + "x" * 25, encoding="utf-8")
    with path.open(encoding="utf-8") as stream:
        lines = [line for b in batches_of(stream) for line in b]
    assert lines == ["0123456789", "next", "x" * 10]


def test_a_stream_without_a_descriptor_is_read_a_line_at_a_time():
    stream = io.StringIO("one\ntwo\nthree")
    assert list(batches_of(stream)) == [["one"], ["two"], ["three"]]
