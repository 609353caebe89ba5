"""Load and validate a YAML knowledge base, reporting every problem as PATH:LINE:COL.

We compose the YAML into nodes ourselves instead of calling `safe_load`, because nodes keep
their positions (so each message can name its line) and because PyYAML's plain loading hides
real mistakes: duplicate keys silently keep the last value, `answer: No` becomes False, and
aliases can expand a small file into millions of nodes. Anchors, aliases and tags other than
the plain YAML types are refused outright; the file size and nesting depth are capped.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from faqbot.bulk import bulk_build
from faqbot.errors import KnowledgeBaseError, Problem
from faqbot.files import UnreadableFile, read_bytes
from faqbot.model import Entry, KnowledgeBase
from faqbot.sanitize import sanitize
from faqbot.text import fold

# A KB costs about 3.7x its size in memory to load and 4.4x to index for the first time, and
# 0.4 s a MB (a 50 MB KB of 100,000 entries: 187 and 219 MB, 4 and 18-27 s here); 64 MiB
# (about 120,000 entries) keeps that near 280 MB and half a minute. FAQBOT_MAX_KB_MB raises it.
MAX_KB_BYTES = 64 * 1024 * 1024
MAX_KB_ENV = "FAQBOT_MAX_KB_MB"
_KB_CAP_HINT = f" (set {MAX_KB_ENV} to a number of megabytes to raise it)"
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 32  # the schema needs 4 levels; anything deeper is not a knowledge base
MAX_TEXT_CHARS = 100_000  # one answer or question; longer text is a mistake or an attack

TOP_KEYS = ("title", "source", "synonyms", "faqs", "facts")
FAQ_KEYS = ("id", "question", "answer", "source", "alternates")
FACT_KEYS = ("id", "fact", "source", "questions")
_LIST_KINDS = {"faqs": "faq", "facts": "fact"}  # the lists of entries, and what each holds

_YAML = "tag:yaml.org,2002:"
_STR = _YAML + "str"
# Explicit tags a KB may use: the plain YAML types. Anything else (!!python/object, !custom) is
# refused before it can be constructed.
_ALLOWED_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "seq", "map")} | {"!"}
_TYPE_NAMES = {
    _YAML + "str": "text",
    _YAML + "int": "a number",
    _YAML + "float": "a number",
    _YAML + "bool": "a boolean",
    _YAML + "null": "empty (null)",
    _YAML + "seq": "a list",
    _YAML + "map": "a mapping",
    _YAML + "timestamp": "a date",
}


def default_kb_path() -> Path:
    """The packaged KB: inside the installed package, or data/ at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "faq.yaml", here.parent / "data" / "faq.yaml"):
        if candidate.is_file():
            return candidate
    return here / "data" / "faq.yaml"  # does not exist: load_kb reports it as missing


def kb_path(kb: Path | None) -> Path:
    """The KB a command uses: the one given (--kb or FAQBOT_KB), else the packaged one."""
    return kb if kb is not None else default_kb_path()


def load_kb(path: str | os.PathLike[str]) -> KnowledgeBase:
    """Read, validate and return the knowledge base at `path`, or raise KnowledgeBaseError."""
    shown = str(path)
    data = _read_checked(Path(path), shown, max_kb_bytes(), "knowledge base")
    with bulk_build():
        validator = _Validator(shown, Path(path))
        root = _compose(data, shown, validator.take)
        del data  # the entries hold what they need of it
        return validator.knowledge_base(root)


def read_kb_bytes(path: str | os.PathLike[str]) -> bytes:
    """The KB file's bytes, as `load_kb` reads them (the index cache is keyed by them)."""
    try:
        return read_bytes(Path(path), "knowledge base", max_kb_bytes(), _KB_CAP_HINT)
    except UnreadableFile as exc:
        raise KnowledgeBaseError([Problem(str(path), 0, 0, str(exc))]) from None


def max_kb_bytes() -> int:
    """The largest KB file faqbot reads: MAX_KB_BYTES, or FAQBOT_MAX_KB_MB megabytes. A value
    that is not a positive number of them ("abc", "0", "-1", "inf", "nan") leaves the default:
    a KB must not be refused for any size (0), nor read without a bound (inf)."""
    raw = os.environ.get(MAX_KB_ENV, "").strip()
    try:
        megabytes = float(raw) if raw else 0.0
    except ValueError:
        return MAX_KB_BYTES
    if not 0 < megabytes < float("inf"):  # NaN fails both
        return MAX_KB_BYTES
    return max(1, int(megabytes * 1024 * 1024))


def read_article_text(path: Path) -> str:
    """An article's text, or a KnowledgeBaseError saying why not (PATH:LINE:COL where the
    problem has a place: a NUL byte, invalid UTF-8)."""
    return _read_text(path, str(path), MAX_ARTICLE_BYTES, "article")


def _read_text(path: Path, shown: str, cap: int, what: str) -> str:
    return _read_checked(path, shown, cap, what).decode("utf-8")


def _read_checked(path: Path, shown: str, cap: int, what: str) -> bytes:
    """The file's bytes, checked to be UTF-8 text that is not blank, without a byte-order
    mark; else a KnowledgeBaseError saying why not. Bytes, not text: libyaml reads them as
    they are, where it would copy a text into UTF-8 first (a 50 MB KB held twice)."""

    def fail(message: str, line: int = 0, column: int = 0) -> KnowledgeBaseError:
        return KnowledgeBaseError([Problem(shown, line, column, message)])

    try:
        data = read_bytes(path, what, cap, _KB_CAP_HINT if what == "knowledge base" else "")
    except UnreadableFile as exc:
        raise fail(str(exc)) from None
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise fail(f"{what} contains a NUL byte: not a text file", line, column)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        blank = not data.decode("utf-8").strip()  # the text itself is not kept
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        message = f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x})"
        raise fail(message, line, column) from None
    if blank:
        raise fail(f"{what} file is empty")
    return data


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", "replace")) + 1
    return before.count(b"\n") + 1, column


class _Node:
    """A composed YAML node as validation reads it: its tag, its value (text for a scalar, a
    list of nodes for a sequence, of (key, value) pairs for a mapping) and where it starts
    (1-based). PyYAML's own nodes carry two Mark objects each: on a 100,000-entry KB they
    took 400 MB, these a tenth of that."""

    __slots__ = ("tag", "value", "line", "column")

    def __init__(self, tag: str, value, mark) -> None:  # type: ignore[no-untyped-def]
        self.tag = tag
        self.value = value
        self.line = mark.line + 1
        self.column = mark.column + 1


class _Place(NamedTuple):
    line: int
    column: int


class _Scalar(_Node):
    __slots__ = ()


class _Sequence(_Node):
    __slots__ = ()


class _Mapping(_Node):
    __slots__ = ()


def _compose(
    data: bytes, shown: str, take: Callable[[_Node, _Node], bool] | None = None
) -> _Node | None:
    """Compose `data` (UTF-8) into nodes, refusing aliases, anchors, unknown tags, deep nesting.

    Each item of a list at the top level is offered, once composed, to `take` with the key
    of its list; the items it takes are left out of the tree. So a KB of 100,000 entries is
    validated entry by entry, and never held as nodes whole.

    One pass over libyaml's events (when PyYAML has libyaml: several times faster than the
    pure-Python parser) both screens and composes them, so nothing refused is ever built.
    Tags are resolved as PyYAML's composer resolves them (`answer: No` is a boolean).
    """
    import yaml

    with_libyaml = hasattr(yaml, "CSafeLoader")
    loader = (yaml.CSafeLoader if with_libyaml else yaml.SafeLoader)(data)

    def fail(line: int, column: int, message: str) -> KnowledgeBaseError:
        return KnowledgeBaseError([Problem(shown, line, column, message)])

    root: _Node | None = None
    documents = 0
    # The collections being filled, innermost last, each as [node, for a mapping the key
    # awaiting its value]. This loop runs once per event, a million times on a 100,000-entry
    # KB: the common cases (a quoted text, a plain key) take the shortest way.
    open_nodes: list[list] = []
    resolve = loader.resolve
    plain_tags: dict[str, str] = {}  # a plain scalar's text -> its tag: keys recur per entry
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    tag = _tag(loader, event, _Scalar, fail)
                elif event.implicit[0]:  # plain: its text says its type (`No` is a boolean)
                    tag = plain_tags.get(event.value) or plain_tags.setdefault(
                        event.value, resolve(yaml.ScalarNode, event.value, event.implicit)
                    )
                else:  # quoted
                    tag = _STR
                node: _Node = _Scalar(tag, event.value, event.start_mark)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(open_nodes) >= MAX_DEPTH:
                    raise fail(*_where(event), f"nested deeper than {MAX_DEPTH} levels")
                shape = _Mapping if kind is yaml.MappingStartEvent else _Sequence
                node = shape(_tag(loader, event, shape, fail), [], event.start_mark)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = open_nodes.pop()[0]
                if take is not None and len(open_nodes) == 2:
                    _offer(done, open_nodes, take)
                continue
            elif kind is yaml.AliasEvent:
                raise fail(*_where(event), "aliases (*name) are not allowed")
            else:  # the stream's and documents' starts and ends
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        message = "a second YAML document starts here; a KB is one document"
                        raise fail(*_where(event), message)
                continue
            if not open_nodes:
                root = node
            else:  # an item of a sequence; a key, or the value of the key before it
                parent = open_nodes[-1]
                if parent[0].__class__ is _Sequence:
                    parent[0].value.append(node)
                elif parent[1] is None:
                    parent[1] = node
                else:
                    parent[0].value.append((parent[1], node))
                    parent[1] = None
            if kind is not yaml.ScalarEvent:
                open_nodes.append([node, None])
            elif take is not None and len(open_nodes) == 2:
                _offer(node, open_nodes, take)
        return root
    except yaml.MarkedYAMLError as exc:
        raise fail(*_syntax_error(exc)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids: no mark, a position
        # libyaml counts it in bytes, PyYAML's own reader in characters
        offset = exc.position
        if not with_libyaml:
            offset = len(data.decode("utf-8")[:offset].encode("utf-8"))
        line, column = _position(data, offset)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise fail(line, column, f"YAML forbids the character U+{ord(char):04X}") from None
    except yaml.YAMLError as exc:
        raise fail(0, 0, "YAML syntax: " + " ".join(str(exc).split())) from None
    finally:
        loader.dispose()


def _offer(item: _Node, open_nodes: list[list], take: Callable[[_Node, _Node], bool]) -> None:
    """Offer `item`, just composed two levels down, to `take` if it is an item of a list that
    is the value of a key at the top level; drop it from the list if taken."""
    (top, pending_key), (parent, _) = open_nodes
    if top.__class__ is not _Mapping or parent.__class__ is not _Sequence or pending_key:
        return  # not a list under a key (a list that is itself a key: `? [a, b]`)
    key, value = top.value[-1]  # the list went in with its key when it began
    if value is parent and take(key, item):
        parent.value.pop()


def _tag(loader, event, shape: type[_Node], fail) -> str:  # type: ignore[no-untyped-def]
    """The event's tag, refused unless a plain YAML type; resolved from its text if implicit."""
    import yaml

    if event.anchor is not None:
        raise fail(*_where(event), "anchors (&name) are not allowed")
    tag = event.tag
    if tag is not None and tag not in _ALLOWED_TAGS:
        raise fail(*_where(event), f"the YAML tag {tag} is not allowed")
    if tag is None or tag == "!":
        if shape is _Scalar:
            return loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        kind = yaml.SequenceNode if shape is _Sequence else yaml.MappingNode
        return loader.resolve(kind, None, event.implicit)
    return tag


# The mistakes people make most in YAML, by what the parser says, and what to do instead.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", 'a value holding ": " must be quoted: key: "a: b"'),
    ("tab", "indent with spaces; YAML does not allow tabs there"),
    ("expected '-' indicator", "check the indentation: an entry's keys must line up"),
    ("expected <block end>", "check the indentation: an entry's keys must line up"),
    ("could not find expected ':'", "a key needs ': ' after it, or the text needs quotes"),
)


def _syntax_error(exc) -> tuple[int, int, str]:  # type: ignore[no-untyped-def]
    """Where a YAML syntax error is, and what it is. An unclosed bracket or quote is reported
    where it was opened, with the place where the parser gave up as a second position: that
    one can be many lines further on, and the mistake is at the first."""
    context, problem = exc.context_mark, exc.problem_mark
    what = " ".join(str(s) for s in (exc.context, exc.problem) if s) or "invalid YAML"
    mark = problem or context
    opened = any(k in (exc.context or "") for k in ("flow sequence", "flow mapping", "quoted"))
    if opened and context is not None and problem is not None and context.line != problem.line:
        mark = context
        what += f" (the parser gave up at {problem.line + 1}:{problem.column + 1})"
    hint = next((h for cue, h in _SYNTAX_HINTS if cue in what), None)
    if hint:
        what += f"; hint: {hint}"
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return line, column, f"YAML syntax: {what}"


def _where(event) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Line and column (1-based) where a YAML event starts."""
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Validator:
    """Walks the composed nodes once, collecting every problem before giving up."""

    def __init__(self, shown: str, path: Path) -> None:
        self.shown = shown
        self.path = path
        self.problems: list[Problem] = []
        self.id_nodes: list[tuple[str, _Node]] = []  # every entry id with its node, in order
        self.article_path: str | None = None  # the article the KB quotes, once read
        self.entries: dict[str, list[Entry]] = {"faq": [], "fact": []}  # in the file's order
        # Checked once the whole file is read: the KB may name its article after its entries.
        self.sources: list[tuple[_Node, str]] = []  # each entry's source, where it is
        # Entries without one: where they start (not their nodes, which would then be kept).
        self.unsourced: list[tuple[_Place, str]] = []
        self.lists: dict[str, _Node] = {}  # `faqs`, `facts` -> the key whose items were taken

    def take(self, key: _Node, item: _Node) -> bool:
        """Validate an item of `faqs` or `facts` as soon as it is composed (see _compose):
        True if it was (its nodes are then dropped)."""
        if not (key.__class__ is _Scalar and key.tag == _STR and key.value in _LIST_KINDS):
            return False
        if self.lists.setdefault(key.value, key) is not key:
            return False  # the list given twice: the second is reported, not read
        entry = self.entry(item, _LIST_KINDS[key.value])
        if entry is not None:
            self.entries[entry.kind].append(entry)
        return True

    def problem(self, node: _Node | _Place, message: str) -> None:
        self.problems.append(Problem(self.shown, node.line, node.column, message))

    def knowledge_base(self, root: _Node | None) -> KnowledgeBase:
        if root is None:
            raise KnowledgeBaseError([Problem(self.shown, 0, 0, "knowledge base file is empty")])
        top = self.mapping(root, "the top level", TOP_KEYS)
        if top is None:
            raise KnowledgeBaseError(self.problems)
        title = self.text(top, "title", required=False) or self.path.stem
        article = self.article(top)
        synonyms = self.synonyms(top.get("synonyms"))
        for key, kind in _LIST_KINDS.items():
            for item in self.sequence(top.get(key), key):  # those not taken as composed
                entry = self.entry(item, kind)
                if entry is not None:
                    self.entries[kind].append(entry)
        entries = self.entries["faq"] + self.entries["fact"]
        self.check_sources(article)
        self.check_unique_ids()
        if not entries and not self.problems:
            self.problem(root, "the knowledge base has no entries: add `faqs` or `facts`")
        if self.problems:
            self.problems.sort(key=lambda p: (p.line, p.column))
            raise KnowledgeBaseError(self.problems)
        return KnowledgeBase(
            title=title,
            path=self.shown,
            entries=tuple(entries),
            synonyms=synonyms,
            article_path=self.article_path,
        )

    # -- structure -------------------------------------------------------------------------

    def mapping(self, node: _Node, what: str, known: tuple[str, ...]):  # type: ignore[no-untyped-def]
        """The mapping's keys -> (key node, value node), or None if `node` is not a mapping."""
        if not isinstance(node, _Mapping):
            self.problem(node, f"{what} must be a mapping (key: value), got {_type_name(node)}")
            return None
        seen: dict[str, tuple] = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, _Scalar) and key_node.tag == _STR):
                self.problem(key_node, f"keys in {what} must be text")
                continue
            key = key_node.value
            if key in seen:
                first = seen[key][0].line
                self.problem(key_node, f"duplicate key `{key}` (first at line {first})")
                continue
            if key not in known:
                import difflib

                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f"; did you mean `{close[0]}`?" if close else ""
                self.problem(key_node, f"unknown key `{key}` in {what}{hint}")
                continue
            seen[key] = (key_node, value_node)
        return seen

    def sequence(self, pair, what: str) -> list:  # type: ignore[no-untyped-def]
        if pair is None:
            return []
        key_node, node = pair
        if isinstance(node, _Scalar) and node.tag == _YAML + "null":
            return []
        if not isinstance(node, _Sequence):
            self.problem(node, f"`{what}` must be a list, got {_type_name(node)}")
            return []
        return list(node.value)

    def text(self, fields: dict, key: str, *, required: bool = True) -> str | None:
        pair = fields.get(key)
        if pair is None:
            return None
        return self.text_node(pair[1], key, required=required)

    def text_node(self, node: _Node, what: str, *, required: bool = True) -> str | None:
        if not (isinstance(node, _Scalar) and node.tag == _STR):
            hint = ""
            if isinstance(node, _Scalar) and node.value:
                hint = f' (quote it: "{node.value}")'
            self.problem(node, f"`{what}` must be text, got {_type_name(node)}{hint}")
            return None
        if len(node.value) > MAX_TEXT_CHARS:
            self.problem(
                node, f"`{what}` is {len(node.value):,} characters; the limit is {MAX_TEXT_CHARS:,}"
            )
            return None
        value = sanitize(node.value).strip()
        if not value and required:
            self.problem(node, f"`{what}` is empty")
            return None
        return value

    def text_list(self, fields: dict, key: str) -> list[str]:
        values = []
        for item in self.sequence(fields.get(key), key):
            value = self.text_node(item, f"{key} item")
            if value is not None:
                values.append(value)
        return values

    # -- schema ----------------------------------------------------------------------------

    def entry(self, node: _Node, kind: str) -> Entry | None:
        where = "an FAQ" if kind == "faq" else "a fact"
        fields = self.mapping(node, where, FAQ_KEYS if kind == "faq" else FACT_KEYS)
        if fields is None:
            return None
        text_key = "question" if kind == "faq" else "fact"
        required = ("id", "question", "answer") if kind == "faq" else ("id", "fact")
        missing = [k for k in required if k not in fields]
        for key in missing:
            self.problem(node, f"{where} is missing `{key}`")
        if "source" not in fields:
            self.unsourced.append((_Place(node.line, node.column), where))
        entry_id = self.text(fields, "id")
        if entry_id is not None:
            self.id_nodes.append((entry_id, fields["id"][1]))
        main = self.text(fields, text_key)
        answer = self.text(fields, "answer") if kind == "faq" else main
        source = self.text(fields, "source")
        extra = self.text_list(fields, "alternates" if kind == "faq" else "questions")
        if source is not None:
            self.sources.append((fields["source"][1], source))
        if missing or None in (entry_id, main, answer):
            return None
        assert entry_id is not None and main is not None and answer is not None
        phrasings = tuple(dict.fromkeys([main, *extra]))  # de-duplicated, order kept
        return Entry(
            id=entry_id,
            kind=kind,  # type: ignore[arg-type]
            question=main if kind == "faq" else (extra[0] if extra else main),
            answer=answer,
            source=source,
            phrasings=phrasings,
            line=node.line,
        )

    def article(self, top: dict) -> str | None:
        """The article the KB quotes, whitespace-normalised, or None (none named, or unreadable)."""
        relative = self.text(top, "source")
        if relative is None:
            return None
        article_path = (self.path.parent / relative).resolve()
        try:
            text = _read_text(article_path, str(article_path), MAX_ARTICLE_BYTES, "article")
        except KnowledgeBaseError as exc:
            self.problem(
                top["source"][1],
                f"source article {exc.problems[0].path}: {exc.problems[0].message}",
            )
            return None
        self.article_path = str(article_path)
        return " ".join(sanitize(text).split())

    def check_sources(self, article: str | None) -> None:
        """Where the KB names an article (and it could be read), every entry quotes it."""
        if article is None:
            return
        for node, where in self.unsourced:
            self.problem(
                node,
                f"{where} is missing `source` (this KB names an article, so every entry quotes it)",
            )
        for node, source in self.sources:
            self.check_quote(node, source, article)

    def check_quote(self, node: _Node, source: str, article: str) -> None:
        quote = " ".join(source.split())
        if quote in article:
            return
        if fold(quote) in fold(article):
            self.problem(
                node,
                "`source` differs from the article in case, quotes or dashes: "
                "copy the sentence exactly",
            )
        else:
            self.problem(node, "`source` is not found verbatim in the article")

    def synonyms(self, pair) -> tuple[tuple[str, ...], ...]:  # type: ignore[no-untyped-def]
        groups = []
        for group in self.sequence(pair, "synonyms"):
            if not isinstance(group, _Sequence):
                self.problem(
                    group, f"each synonyms group must be a list of words, got {_type_name(group)}"
                )
                continue
            words = [w for w in (self.text_node(n, "synonym") for n in group.value) if w]
            if len(words) < 2:
                self.problem(group, "a synonyms group needs at least two words")
                continue
            groups.append(tuple(words))
        return tuple(groups)

    def check_unique_ids(self) -> None:
        first: dict[str, int] = {}
        for entry_id, node in self.id_nodes:
            line = node.line
            if entry_id in first:
                self.problem(
                    node, f"duplicate id `{entry_id}` (first used at line {first[entry_id]})"
                )
            else:
                first[entry_id] = line


def _type_name(node: _Node) -> str:
    return _TYPE_NAMES.get(node.tag, "a value of another type")
