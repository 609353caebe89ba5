"""The lines of a pipe or file, in batches of the lines already there: what `ask -` reads.

Answering a batch of questions together can cost less than answering them one by one (the
sentence model encodes a batch in under half the time a question; see faqbot.meaning), but a
script that writes a question and waits for its answer must get it at once. So a batch never
waits: its first line is waited for, the rest are the lines that can be read without waiting.

Standard input is read here from its file descriptor, since only then can `select` tell
whether more is there; the bytes are decoded as the stream would decode them (its encoding,
invalid bytes replaced) and split at "\\n" as it splits them. A stream without a descriptor
(a test's), or one `select` cannot watch (a Windows pipe), is read a line at a time.
"""

from __future__ import annotations

import codecs
import io
import os
import select
from collections import deque
from collections.abc import Iterator
from typing import TextIO

MOST = 64  # lines in one batch at most
CHUNK = 1 << 16  # bytes read at a time
# Characters kept of a line: the rest, to its end, is dropped. A question is matched on its
# first 1,000 (faqbot.matcher); a line that never ends (`< /dev/zero`) must not fill memory.
MAX_LINE = 1 << 20


def line_batches(stream: TextIO, most: int = MOST) -> Iterator[list[str]]:
    """Lists of the stream's lines (without their "\\n"), in order, each of 1 to `most`
    lines: the first line of a list is waited for, the rest were there already."""
    try:
        fd = stream.fileno()
        select.select([fd], [], [], 0)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # invalid UTF-8 is replaced, never a crash
        for line in iter(stream.readline, ""):
            yield [line.removesuffix("\n")]
        return
    yield from _LineReader(fd, getattr(stream, "encoding", None) or "utf-8").batches(most)


class _LineReader:
    def __init__(self, fd: int, encoding: str) -> None:
        self.fd = fd
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self.ready: deque[str] = deque()  # whole lines read
        self.partial: list[str] = []  # the start of the next line, as read so far
        self.kept = 0  # characters in `partial`
        self.at_end = False

    def batches(self, most: int) -> Iterator[list[str]]:
        while True:
            while not self.ready and not self.at_end:
                self._read()
            while len(self.ready) < most and not self.at_end and self._waiting():
                self._read()
            if not self.ready:
                return
            yield [self.ready.popleft() for _ in range(min(most, len(self.ready)))]

    def _waiting(self) -> bool:
        """Whether more can be read at once, without waiting for it."""
        return bool(select.select([self.fd], [], [], 0)[0])

    def _read(self) -> None:
        chunk = os.read(self.fd, CHUNK)
        self.at_end = not chunk
        text = self.decoder.decode(chunk, final=self.at_end)
        *whole, rest = text.split("\n")
        if whole:
            # A line's pieces are joined once it ends: a megabyte line costs its length.
            self.ready.append("".join([*self.partial, whole[0][: MAX_LINE - self.kept]]))
            self.ready.extend(line[:MAX_LINE] for line in whole[1:])
            self.partial, self.kept = [], 0
        if rest and self.kept < MAX_LINE:
            piece = rest[: MAX_LINE - self.kept]
            self.partial.append(piece)
            self.kept += len(piece)
        if self.at_end and self.partial:
            self.ready.append("".join(self.partial))
            self.partial, self.kept = [], 0
