"""Reading a user's file, with the reasons it cannot be read said in words."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path


class UnreadableFile(Exception):
    """The file cannot be read; the message says why, without the path."""


def read_bytes(path: Path, what: str, cap: int | None = None, cap_hint: str = "") -> bytes:
    """The bytes of `path`, a `what` ("knowledge base", "question") file of at most `cap`;
    `cap_hint`, if any, follows the message of a file over it (how to raise the cap)."""
    try:
        if path.is_dir():
            article = "an" if what[:1] in "aeiou" else "a"
            raise UnreadableFile(f"is a directory, not {article} {what} file")
        if cap is not None and (size := path.stat().st_size) > cap:
            raise UnreadableFile(f"{what} is {size:,} bytes; the limit is {cap:,}{cap_hint}")
        with path.open("rb") as f:
            # One byte past the cap is enough to know a file is over it: a device or a pipe
            # that never ends (/dev/zero) must not be read into memory whole.
            data = f.read() if cap is None else f.read(cap + 1)
    except FileNotFoundError:
        raise UnreadableFile(f"{what} file not found") from None
    except PermissionError:
        raise UnreadableFile(f"cannot read {what} file: permission denied") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read {what} file: {exc.strerror or exc}") from None
    if cap is not None and len(data) > cap:  # the file grew, or stat lied (a pipe, /proc)
        raise UnreadableFile(f"{what} is over the {cap:,}-byte limit{cap_hint}")
    return data


class WouldOverwrite(Exception):
    """The file exists and the user did not ask to replace it."""


def write_text_atomic(
    path: Path, text: str, *, overwrite: bool, check: Callable[[Path], None] | None = None
) -> None:
    """Write `text` to `path` whole or not at all: a crash leaves the old file or the new one,
    never half of one. Without `overwrite` an existing file is never replaced, even one that
    appears while this writes (WouldOverwrite). `check`, if given, is called on the finished
    file before it takes `path`'s place, and may raise to stop it. A symbolic link is written
    through; a device or a pipe is written into."""
    import tempfile  # here, not at the top: reading a KB to answer a question needs none

    if path.is_symlink():  # the file it points to is written; the link stays a link
        path = path.resolve()
    if not overwrite and path.exists():
        raise WouldOverwrite(str(path))
    if path.exists() and not path.is_file() and not path.is_dir():
        # A device or a pipe (/dev/null, a FIFO) is written into, as a shell's `>` writes:
        # a file renamed over it would replace the device itself (root may do that to
        # /dev/null). Nothing stays behind to be half written, nor to check.
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as a file the user made, not mkstemp's 0600
        if check is not None:
            check(Path(tmp))
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the path exists: no race with another writer
            except FileExistsError:
                raise WouldOverwrite(str(path)) from None
            except OSError:  # a file system without hard links: check, then rename
                if path.exists():
                    raise WouldOverwrite(str(path)) from None
                os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):  # gone: it was moved into place
            os.unlink(tmp)
