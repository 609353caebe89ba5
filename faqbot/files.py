"""Reading a user's file, with the reasons it cannot be read said in words."""

from __future__ import annotations

from pathlib import Path


class UnreadableFile(Exception):
    """The file cannot be read; the message says why, without the path."""


def read_bytes(path: Path, what: str, cap: int | None = None, cap_hint: str = "") -> bytes:
    """The bytes of `path`, a `what` ("knowledge base", "question") file of at most `cap`;
    `cap_hint`, if any, follows the message of a file over it (how to raise the cap)."""
    try:
        if path.is_dir():
            raise UnreadableFile(f"is a directory, not a {what} file")
        if cap is not None and (size := path.stat().st_size) > cap:
            raise UnreadableFile(f"{what} is {size:,} bytes; the limit is {cap:,}{cap_hint}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"{what} file not found") from None
    except PermissionError:
        raise UnreadableFile(f"cannot read {what} file: permission denied") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read {what} file: {exc.strerror or exc}") from None
    if cap is not None and len(data) > cap:  # the file grew, or stat lied (a pipe, /proc)
        raise UnreadableFile(f"{what} is over the {cap:,}-byte limit{cap_hint}")
    return data
