"""Reading a YAML file safely, keeping the line and column of every key and value.

The file is parsed into YAML events by PyYAML (libyaml when it is there: its marks are the
same) and built into plain dicts, lists and scalars here, so nothing but data is ever
constructed. Scalars follow the YAML 1.2 core schema, kept small: only ``true``/``false``
(any case form) are booleans, so ``no``, ``on`` and ``y`` stay text; dates stay text; numbers
are decimal (``1:30``, ``0o17`` and ``0x1f`` stay text); ``~``, ``null`` and nothing are null.
Keys are always text. A :class:`Document` keeps a tree of marks next to the data, so any path
of keys and list indexes maps to the nearest line and column. Anchors, aliases and merge
keys (``<<: *base``) work. Duplicate keys and tags other than the standard ones are
problems; aliases may repeat at most ``MAX_ALIAS_NODES`` values (a "billion laughs" file is
refused at once), and nesting is limited to ``MAX_DEPTH`` levels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, NamedTuple

import yaml

from oefening.errors import OefeningError, Problem
from oefening.scenario import collector

MAX_BYTES = 20 * 1024 * 1024
MAX_ALIAS_NODES = 100_000
MAX_DEPTH = 100

_PARSER = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader
_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
_TAG_TYPES: dict[str, type] = {"int": int, "float": float, "bool": bool, "null": type(None)}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class Mark(NamedTuple):
    """A place in the file, 1-based."""

    line: int
    column: int


class Node:
    """The marks of a mapping or list: where it starts, and its children's (a scalar child
    is just its :class:`Mark`)."""

    __slots__ = ("items", "keys", "mark")

    def __init__(self, mark: Mark) -> None:
        self.mark = mark
        self.items: dict[str, Node | Mark] | list[Node | Mark] | None = None
        self.keys: dict[str, Mark] | None = None


Path = Sequence[str | int]


@dataclass(frozen=True)
class Document:
    """One YAML file read: its data (a mapping), the marks of every node, and the problems
    found while reading that did not stop it (duplicate keys, disallowed tags)."""

    name: str
    data: dict[str, Any]
    root: Node | None
    """the marks; None for data that did not come from a file"""
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: Path, *, key: bool = False) -> Mark | None:
        """The mark of the node at ``path``, or of the nearest node above it that exists.

        With ``key``, a path ending in a mapping key gives the mark of the key itself.
        """
        node: Node | Mark | None = self.root
        if node is None:
            return None
        for i, step in enumerate(path):
            if isinstance(node, Mark):
                break
            items = node.items
            if isinstance(items, dict) and isinstance(step, str) and step in items:
                if key and i == len(path) - 1 and node.keys is not None:
                    return node.keys[step]
                node = items[step]
            elif isinstance(items, list) and isinstance(step, int) and 0 <= step < len(items):
                node = items[step]
            else:
                break
        return node if isinstance(node, Mark) else node.mark

    def problem(self, message: str, path: Path = (), *, key: bool = False) -> Problem:
        """A problem located at ``path`` in this file."""
        mark = self.locate(path, key=key)
        if mark is None:
            return Problem(message, self.name)
        return Problem(message, self.name, mark.line, mark.column)


def read_text(path: str | FilePath) -> str:
    """The file's text; a clear OefeningError when it is missing, not a file or not UTF-8."""
    from oefening.scenario.files import read_capped

    name = str(path)
    raw = read_capped(path, MAX_BYTES, directory="is a directory, not a YAML file")
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """UTF-8 bytes (a byte-order mark is allowed) as text, else a problem at the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise OefeningError([Problem("the file is UTF-16 text; save it as UTF-8", name, 1, 1)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        byte = raw[start : start + 1].hex()
        message = f"not UTF-8 text (byte 0x{byte} cannot be read); save the file as UTF-8"
        raise OefeningError([Problem(message, name, line, column)]) from None


def load_yaml(path: str | FilePath) -> Document:
    """Read ``path`` as one YAML document whose top level is a mapping."""
    return parse_yaml(read_text(path), str(path))


def parse_yaml(text: str, name: str) -> Document:
    """Parse ``text`` (named ``name`` in problems) as one YAML document with a mapping on top."""
    builder = _Builder(name)
    collecting = collector.pause()  # building many small containers otherwise triggers the collector often
    try:
        root = builder.build(yaml.parse(text, Loader=_PARSER))
    except yaml.MarkedYAMLError as error:
        raise OefeningError([_syntax_problem(error, name)]) from None
    except yaml.reader.ReaderError as error:
        raise OefeningError([_reader_problem(error, text, name)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - every parser error carries a mark
        raise OefeningError([Problem(f"not valid YAML: {error}", name)]) from None
    finally:
        collector.resume(collecting)
    mapping = "a mapping of keys such as 'format: 1'"
    if root is None:
        raise OefeningError([Problem(f"the file is empty; expected {mapping}", name)])
    value, node = root
    if not isinstance(node, Node):
        node = Node(node)
    if value is None:
        message = f"the document is empty; expected {mapping}"
        raise OefeningError([Problem(message, name, *node.mark)])
    if not isinstance(value, dict):
        message = f"the top level must be {mapping}; found {kind_of(value)}"
        raise OefeningError([Problem(message, name, *node.mark)])
    return Document(name, value, node, builder.problems)


def kind_of(value: object) -> str:
    """A short description of a YAML value's kind, for messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text {value!r}"


def _start(node: Node | Mark) -> Mark:
    return node if isinstance(node, Mark) else node.mark


def _mark(mark: Any) -> Mark:
    return Mark(mark.line + 1, mark.column + 1)


def _syntax_problem(error: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "").strip()
    if "tab" in problem or "'\\t'" in problem:
        message = "not valid YAML: a tab character here; YAML indents with spaces only"
        return Problem(message, name, *_mark(mark))
    message = f"not valid YAML: {problem}"
    if error.context and error.context_mark is not None and error.context_mark is not mark:
        message += f" ({error.context} from line {error.context_mark.line + 1})"
    elif error.context:
        message += f" ({error.context})"
    if "block" in message or "expected key" in message or "indicator" in message:
        message += "; check the indentation"
    return Problem(message, name, *_mark(mark)) if mark is not None else Problem(message, name)


def _reader_problem(error: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    position = max(0, min(error.position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    char = error.character
    code = char if isinstance(char, int) else ord(str(char)[:1] or "\0")
    message = f"not valid YAML: the control character #x{code:04x} is not allowed in a YAML file"
    return Problem(message, name, line, column)


def resolve_plain(text: str) -> Any:
    """The value of a plain (unquoted, untagged) scalar under the small core schema."""
    if text and text[0] not in _MAYBE_NOT_TEXT:
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts; as a float it is inf
            return float(text)
    if _FLOAT.match(text):
        special = text.lower().replace(".inf", "inf").replace(".nan", "nan")
        return float(special)
    return text


class _Collection:
    """A mapping or list being built, on the builder's stack."""

    __slots__ = ("anchor", "key", "merges", "node", "size", "value")

    def __init__(self, value: dict[str, Any] | list[Any], node: Node, anchor: str | None) -> None:
        self.value = value
        self.node = node
        self.anchor = anchor
        self.size = 1
        self.key: tuple[str | None, Mark, bool] | None = None  # (text or None, mark, is merge)
        self.merges: list[tuple[Any, Node | Mark]] = []


class _Builder:
    """Builds data and marks from a stream of YAML events."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, Node | Mark, int, str | None]] = {}
        self.open_anchors: set[str] = set()
        self.aliased = 0
        self.stack: list[_Collection] = []
        self.root: tuple[Any, Node | Mark] | None = None
        self.documents = 0

    def fail(self, message: str, mark: Mark) -> OefeningError:
        return OefeningError([Problem(message, self.name, *mark)])

    def build(self, events: Iterable[yaml.Event]) -> tuple[Any, Node | Mark] | None:
        for event in events:
            self.take(event)
        return self.root

    def take(self, event: yaml.Event) -> None:
        mark = _mark(event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail("a second YAML document ('---'); a file holds one document", mark)
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event, mark)
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event, mark)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                raise self.fail(f"nested more than {MAX_DEPTH} levels deep", mark)
            kind = "seq" if isinstance(event, yaml.SequenceStartEvent) else "map"
            self.check_tag(event.tag, kind, mark)
            node = Node(mark)
            value: dict[str, Any] | list[Any]
            if isinstance(event, yaml.SequenceStartEvent):
                value, node.items = [], []
            else:
                value, node.items, node.keys = {}, {}, {}
            if event.anchor is not None:
                self.open_anchors.add(event.anchor)
            self.stack.append(_Collection(value, node, event.anchor))
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            done = self.stack.pop()
            if isinstance(done.value, dict):
                self.merge(done)
            if done.anchor is not None:
                self.open_anchors.discard(done.anchor)
                self.anchors[done.anchor] = (done.value, done.node, done.size, None)
            self.add(done.value, done.node, done.size, None, mark)

    def check_tag(self, tag: str | None, kind: str, mark: Mark) -> bool:
        """Whether ``tag`` is absent or the standard one for ``kind``; else note a problem."""
        if tag is None or tag == "!" or tag == _CORE + kind:
            return True
        short = tag.replace(_CORE, "!!")
        self.problems.append(
            Problem(
                f"the tag {short} is not allowed; oefening reads plain YAML data only "
                "(texts, numbers, true/false, lists and mappings)",
                self.name,
                *mark,
            )
        )
        return False

    def scalar(self, event: yaml.ScalarEvent, mark: Mark) -> None:
        text = event.value
        tag = event.tag
        value: Any
        if tag is None and not event.style:
            value = resolve_plain(text)
        elif tag is None or tag in ("!", _CORE + "str"):
            value = text
        elif tag in (_CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"):
            value = resolve_plain(text)
            wanted = _TAG_TYPES[tag[len(_CORE) :]]
            if tag.endswith("float") and type(value) is int:
                value = float(value)
            if type(value) is not wanted:
                message = f"{text!r} is not a valid {tag.replace(_CORE, '!!')}"
                self.problems.append(Problem(message, self.name, *mark))
                value = text
        else:
            self.check_tag(tag, "str", mark)
            value = text
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, mark, 1, text)
        merge_key = text == "<<" and tag is None and not event.style
        self.add(value, mark, 1, text, mark, merge_key=merge_key)

    def alias(self, event: yaml.AliasEvent, mark: Mark) -> None:
        anchor = event.anchor
        if anchor in self.open_anchors:
            raise self.fail(f"the alias *{anchor} refers to a mapping or list containing it", mark)
        if anchor not in self.anchors:
            raise self.fail(f"unknown alias *{anchor}: no anchor &{anchor} before it", mark)
        value, anchored, size, text = self.anchors[anchor]
        self.aliased += size
        if self.aliased > MAX_ALIAS_NODES:
            limit = f"{MAX_ALIAS_NODES:,}"
            message = f"too many nodes (aliases expand too far: over {limit} repeated values)"
            raise self.fail(message, mark)
        node: Node | Mark = mark
        if isinstance(anchored, Node):
            node = Node(mark)
            node.items, node.keys = anchored.items, anchored.keys
        self.add(value, node, size, text, mark)

    def add(
        self,
        value: Any,
        node: Node | Mark,
        size: int,
        text: str | None,
        mark: Mark,
        *,
        merge_key: bool = False,
    ) -> None:
        """Put a finished value into the collection being built (or make it the root)."""
        if not self.stack:
            self.root = (value, node)
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
            assert isinstance(top.node.items, list)
            top.node.items.append(node)
            return
        if top.key is None:
            if text is None:
                message = f"a key must be a name, found {kind_of(value)}"
                self.problems.append(Problem(message, self.name, *_start(node)))
            top.key = (text, mark, merge_key)
            return
        key, key_mark, is_merge = top.key
        top.key = None
        if key is None:
            return
        if is_merge:
            self.merge_value(top, value, node, mark)
            return
        assert isinstance(top.node.items, dict) and top.node.keys is not None
        if key in top.value:
            first = top.node.keys[key]
            self.problems.append(
                Problem(f"duplicate key {key!r} (first at line {first.line})", self.name, *key_mark)
            )
            return
        top.value[key] = value
        top.node.items[key] = node
        top.node.keys[key] = key_mark

    def merge_value(self, top: _Collection, value: Any, node: Node | Mark, mark: Mark) -> None:
        """Remember a ``<<`` merge: a mapping, or a list of mappings, whose keys fill in."""
        sources: list[tuple[Any, Node | Mark]]
        if isinstance(value, list) and isinstance(node, Node) and isinstance(node.items, list):
            sources = list(zip(value, node.items, strict=True))
        else:
            sources = [(value, node)]
        for source, _ in sources:
            if not isinstance(source, dict):
                self.problems.append(
                    Problem(
                        f"'<<' merges a mapping or a list of mappings, found {kind_of(source)}",
                        self.name,
                        *mark,
                    )
                )
                return
        top.merges.extend(sources)

    def merge(self, done: _Collection) -> None:
        """Fill in merged keys that the mapping does not set itself (the first merge wins)."""
        value = done.value
        assert isinstance(value, dict)
        items, keys = done.node.items, done.node.keys
        assert isinstance(items, dict) and keys is not None
        for source, source_node in done.merges:
            for key, item in source.items():
                if key not in value:
                    value[key] = item
                    if isinstance(source_node, Node) and isinstance(source_node.items, dict):
                        assert source_node.keys is not None
                        items[key] = source_node.items[key]
                        keys[key] = source_node.keys[key]

