"""Where a KB's index is kept between runs, and when it can be trusted.

An index is built on first use and kept in the user's cache directory ($XDG_CACHE_HOME/faqbot,
else ~/.cache/faqbot), named by a hash of the KB file's place, then a hash of what shapes it:
the KB file's bytes, faqbot's version, the index format, the settings that shape it and the
language data its words are read by (resources/english.json). A KB
that changes gets a new name, so a stale index is never read, and building it removes the
indexes of the file's earlier versions (an author who edits a KB a hundred times would keep a
hundred otherwise); the article a KB quotes is checked by its hash on every read.
A truncated or corrupt file is rebuilt with a one-line warning; a cache directory that cannot
be created or written is no error: the index is then built in memory for the run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from faqbot import __version__, analysis, index_store
from faqbot.kb_index import IndexSettings, KBIndex, build_index
from faqbot.model import KnowledgeBase

# A KB this large is worth a progress bar while its index is built (on a terminal).
PROGRESS_MIN_ENTRIES = 5000


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "faqbot"


def index_path(kb_path: Path, settings: IndexSettings) -> Path:
    """Where the index of the KB file at `kb_path`, as its bytes are now, is kept."""
    from faqbot.kb_loader import read_kb_bytes

    key = hashlib.sha256()
    for part in (__version__, str(index_store.FORMAT), repr(sorted(settings._asdict().items()))):
        key.update(part.encode() + b"\0")
    key.update(analysis.LANGUAGE_FILE.read_bytes() + b"\0")  # its stopwords, stems, cues
    key.update(read_kb_bytes(kb_path))
    return cache_dir() / f"{_place(kb_path)}-{key.hexdigest()[:32]}.sqlite"


def _place(kb_path: Path) -> str:
    """A short hash of where the KB file is: the part of its indexes' names that its earlier
    versions share."""
    return hashlib.sha256(os.fsencode(kb_path.resolve())).hexdigest()[:16]


def remove_earlier(path: Path) -> None:
    """Remove the cached files of the same place as `path` (the part of its name before the
    first "-") other than it and what is kept beside it: the indexes and sentence vectors of
    the same KB file, built from its earlier versions or by an earlier faqbot; the English
    word list read from an earlier wordfreq file. None is read again. A file being written
    (.tmp) is left to the process writing it."""
    place = path.name.split("-", 1)[0]
    for other in path.parent.glob(f"{place}-*"):
        if not other.name.startswith(path.stem) and not other.name.endswith(".tmp"):
            with suppress(OSError):
                other.unlink()


# Bumped when what the sentence vectors hold changes (2: the answers after the phrasings; 3:
# texts cut at 64 word pieces, not 128), so that vectors of another kind are never read (nor
# warned of).
MEANING_FORMAT = 3


def meaning_path(index_file: Path) -> Path:
    """Where the sentence vectors of the KB's phrasings and answers are kept (see
    faqbot.meaning): beside its index, under the same name, so that they go stale with it."""
    return index_file.with_suffix(f".meaning{MEANING_FORMAT}.npz")


def load_index(
    kb_path: Path,
    settings: IndexSettings,
    load_kb: Callable[[Path], KnowledgeBase],
    warn: Callable[[str], None],
    use_cache: bool = True,
    rebuild: bool = False,
) -> KBIndex:
    """The index of the KB at `kb_path`: from the cache when a valid one is there, else
    built (with `load_kb`, which validates the KB) and, when `use_cache`, stored."""
    if not use_cache:
        return _build(load_kb(kb_path), settings)
    path = index_path(kb_path, settings)
    if not rebuild:
        index = _read_valid(path, warn)
        if index is not None:
            return index
    kb = load_kb(kb_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _progress(kb) as done:
            index_store.build(kb, settings, path, {"article": _article_record(kb)}, done)
        remove_earlier(path)
        return index_store.read(path)[0]
    except (OSError, index_store.StoreError):
        # No cache directory, or a read-only one: the index lives for this run only.
        return _build(kb, settings)


def cached_index(kb_path: Path, settings: IndexSettings) -> KBIndex | None:
    """The KB's stored index when a valid one is there, else None (nothing is built)."""
    return _read_valid(index_path(kb_path, settings), lambda _: None)


def _read_valid(path: Path, warn: Callable[[str], None]) -> KBIndex | None:
    if not path.exists():
        return None
    try:
        index, meta = index_store.read(path)
        if _article_unchanged(meta):
            return index
    except index_store.StoreError as exc:
        warn(f"faqbot: warning: the cached index {path} is unusable ({exc}); rebuilding it")
    return None


def _build(kb: KnowledgeBase, settings: IndexSettings) -> KBIndex:
    with _progress(kb) as done:
        return build_index(kb, settings, done)


@contextmanager
def _progress(kb: KnowledgeBase) -> Iterator[Callable[[int, int], None]]:
    """A progress bar for indexing `kb`, when it is large and stderr a terminal."""
    from faqbot.progress import progress

    size = len(kb.entries)
    # Two steps an entry (see kb_index.Tally): counted, then weighed and written.
    with progress(f"indexing {size:,} entries", 2 * size, size >= PROGRESS_MIN_ENTRIES) as done:
        yield lambda steps, _: done(steps)


def _article_record(kb: KnowledgeBase) -> list[str] | None:
    if kb.article_path is None:
        return None
    return [kb.article_path, _sha256(Path(kb.article_path))]


def _article_unchanged(meta: dict) -> bool:
    record = meta.get("article")
    if record is None:
        return True
    path, digest = record
    return _sha256(Path(path)) == digest


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""
