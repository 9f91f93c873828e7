"""Strict YAML: the text of one file to its data, or the reason it is refused.

Parsing uses libyaml (``CParser``) with a YAML 1.2 core-schema resolver: only
``true``/``false`` are booleans (``no`` and ``on`` stay strings), timestamps are not
resolved (dates stay strings for the schema to check), and numbers with a fraction are
read as :class:`decimal.Decimal`, so ``0.1`` is exactly one tenth. Mapping keys are text.

Nesting is capped at :data:`MAX_DEPTH`, and the cap is perfcode's own: a file that could
nest deeper than libyaml allows is walked first with libyaml's event parser (which does
not recurse), and every other file is measured as it is built, so the finding and its
position never depend on which version of libyaml is installed, and no recursive code
(libyaml's composer, the constructor, the schema validators, the cache encoder) ever sees
data deeper than the cap.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from decimal import Decimal
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.constructor import ConstructorError
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 100
"""The nesting cap. Real files nest under ten levels; at a hundred every recursive step that
reads the data (the constructor, jsonschema, orjson's encoder, whose own cap is 254) stays
far from its limit, whatever the interpreter's recursion limit."""

EVENT_WALK_MIN = 900
"""Files with more nesting indicators than this could nest as deep as libyaml's own limit
(1,000 in recent releases, none in older ones): they are measured from events before
libyaml's composer sees them."""

MAX_DIGITS = 100
"""The most digits a number may have, and the largest power of ten it may reach either way:
beyond that no figure is real, and decimal arithmetic would overflow."""

DEEP_MESSAGE = f"the data nests more than {MAX_DEPTH} levels deep"


class Refused(ConstructorError):
    """Well-formed YAML the strict loader refuses, with its finding's code and hint."""

    def __init__(self, code: str, problem: str, hint: str, mark: Mark | None) -> None:
        super().__init__(None, None, problem, mark)
        self.code, self.hint = code, hint


def _too_deep(mark: Mark | None) -> Refused:
    return Refused("PC001", DEEP_MESSAGE, "flatten the structure", mark)


class _Resolver(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema: https://yaml.org/spec/1.2.2/#1032-tag-resolution."""


_INT_PATTERN = r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"
_FLOAT_PATTERN = r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"
_INT = re.compile(_INT_PATTERN)
_FLOAT = re.compile(_FLOAT_PATTERN)

_Resolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", _INT_PATTERN, "-+0123456789"),
    ("float", _FLOAT_PATTERN, "-+.0123456789"),
):
    _Resolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def _key_problem(key: Any, key_node: Node) -> Refused | None:
    """Why a mapping key is refused: keys are text, as every schema names its fields."""
    if isinstance(key, list | dict) or not isinstance(key, Hashable):
        return Refused(
            "PC001",
            "a mapping key is a list or a mapping",
            "write the key as plain text",
            key_node.start_mark,
        )
    if not isinstance(key, str):
        shown = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
        return Refused(
            "PC001",
            f"the mapping key {shown} is not text",
            f'quote it ("{shown}") or name the field as the schema does',
            key_node.start_mark,
        )
    return None


def _duplicate(key: str, key_node: Node, first: Node) -> Refused:
    return Refused(
        "PC002",
        f"duplicate key '{key}' (first at line {first.start_mark.line + 1})",
        "keep one of the two entries",
        key_node.start_mark,
    )


class _Constructor(yaml.constructor.SafeConstructor):
    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):  # `!!map a`: the tag of a mapping on a scalar
            raise ConstructorError(
                None,
                None,
                f"expected a mapping node, but found {getattr(node, 'id', 'node')}",
                node.start_mark,
            )
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            problem = _key_problem(key, key_node)
            if problem is not None:
                raise problem
            if key in seen:
                raise _duplicate(key, key_node, seen[key])
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        value = str(self.construct_scalar(node))
        if not _INT.match(value):
            raise _not_a("an integer", value, node)
        return _integer(value, node)

    def construct_yaml_float(self, node: ScalarNode) -> Decimal:  # type: ignore[override]
        value = str(self.construct_scalar(node))
        if not _FLOAT.match(value):
            raise _not_a("a finite number", value, node)
        return _decimal(value, node)

    def construct_unknown(self, node: Node) -> Any:
        tag = (
            node.tag.replace("tag:yaml.org,2002:", "!!", 1)
            if node.tag.startswith("tag:yaml.org,2002:")
            else node.tag
        )
        raise Refused(
            "PC001",
            f"the tag '{_short(tag, 40)}' is not allowed",
            "remove the tag: files hold text, numbers, true/false, lists and mappings",
            node.start_mark,
        )

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        value = str(self.construct_scalar(node))
        if value not in _BOOLS:
            raise _not_a("true or false", value, node)
        return _BOOLS[value]


def _short(text: str, limit: int = 30) -> str:
    """Text quoted in a message, cut to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _not_a(kind: str, value: str, node: Node) -> Refused:
    return Refused(
        "PC001",
        f"the tagged value '{_short(value)}' is not {kind}",
        "remove the tag or correct the value",
        node.start_mark,
    )


def _out_of_range(value: str, node: Node) -> Refused:
    return Refused(
        "PC001",
        f"the number {_short(value)} is out of range (at most {MAX_DIGITS} digits, up to 1e{MAX_DIGITS})",
        "write the figure as it is measured",
        node.start_mark,
    )


# The YAML 1.2 core schema's types only: binary, set, omap and pairs are refused as unknown
# tags, and timestamps stay strings.
_SAFE = yaml.constructor.SafeConstructor
_Constructor.yaml_constructors = {
    None: _Constructor.construct_unknown,
    "tag:yaml.org,2002:null": _SAFE.construct_yaml_null,
    "tag:yaml.org,2002:bool": _Constructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _Constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _Constructor.construct_yaml_float,
    "tag:yaml.org,2002:str": _SAFE.construct_yaml_str,
    "tag:yaml.org,2002:timestamp": _SAFE.construct_yaml_str,
    "tag:yaml.org,2002:seq": _SAFE.construct_yaml_seq,
    "tag:yaml.org,2002:map": _SAFE.construct_yaml_map,
}


class StrictLoader(CParser, _Constructor, _Resolver):
    """libyaml's parser with the strict constructor and the YAML 1.2 resolver."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


class NodeLoader(CParser, _Resolver):
    """Composes nodes (with positions) only; used to locate findings."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Resolver.__init__(self)


# The fast path's own names for untagged nodes: never a tag a file can write, so that an
# explicit `!!seq a` or `!!str [a]` (a tag on the wrong kind of node) is not taken for an
# untagged list or text, but goes to the strict loader, which refuses it with its place.
_PLAIN = "?plain"
_QUOTED = "?quoted"
_SEQ = "?seq"
_MAP = "?map"
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset({"~", "null", "Null", "NULL"})


class _Composer(CParser):
    """libyaml's parser and composer with the scalars left for :func:`_construct` to resolve.

    The fast path of :func:`read_data`: the same YAML 1.2 core schema as :class:`StrictLoader`
    (whose resolver and constructor run a handful of Python calls per scalar), in one
    function per node. Documents with explicit tags (``!``) take the strict loader.
    """

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)

    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return _SEQ if kind is SequenceNode else _MAP


class _Tagged(Exception):
    """A node with an explicit tag: the document goes to the strict loader."""


def _construct(node: Node, depth: int) -> Any:
    tag = node.tag
    if tag == _PLAIN:
        return _plain(node)
    if tag == _QUOTED:
        return node.value
    if tag == _SEQ:
        if depth == MAX_DEPTH:
            raise _too_deep(node.start_mark)
        return [_construct(item, depth + 1) for item in node.value]
    if tag == _MAP:
        if depth == MAX_DEPTH:
            raise _too_deep(node.start_mark)
        pairs = node.value
        keys = [_construct(key_node, depth + 1) for key_node, _ in pairs]
        result: dict[Any, Any] = {}
        for key, (key_node, value_node) in zip(keys, pairs, strict=True):
            if not isinstance(key, str) and (problem := _key_problem(key, key_node)) is not None:
                raise problem
            if key in result:
                raise _duplicate(key, key_node, pairs[keys.index(key)][0])
            result[key] = value_node
        return {key: _construct(value_node, depth + 1) for key, value_node in result.items()}
    raise _Tagged


def _plain(node: Node) -> Any:
    """A plain scalar resolved by the core schema: null, bool, int, float (as Decimal), str."""
    value: str = node.value
    if not value:
        return None
    first = value[0]
    if first in "tTfF" and value in _BOOLS:
        return _BOOLS[value]
    if first in "~nN" and value in _NULLS:
        return None
    if first in "-+.0123456789":
        if first != "." and _INT.match(value):
            return _integer(value, node)
        if _FLOAT.match(value):
            return _decimal(value, node)
    return value


def _integer(value: str, node: Node) -> int:
    if len(value.lstrip("+-")) > MAX_DIGITS:
        raise _out_of_range(value, node)
    if value.startswith(("0o", "0x")):
        return int(value[2:], 8 if value[1] == "o" else 16)
    return int(value)


def _decimal(value: str, node: Node) -> Decimal:
    # An exponent beyond what decimal can represent at all is refused like any other
    # figure out of range (the constructor itself raises for it).
    try:
        number = Decimal(value)
    except ArithmeticError:
        raise _out_of_range(value, node) from None
    if number and not (
        len(number.as_tuple().digits) <= MAX_DIGITS and -MAX_DIGITS <= number.adjusted() <= MAX_DIGITS
    ):
        raise _out_of_range(value, node)
    return number


def read_data(text: str) -> Any:
    """The data of one YAML document, or :class:`Refused` / a :class:`yaml.YAMLError`.

    The fast path builds the data from libyaml's nodes in one function; documents with
    explicit tags take the strict loader, once their nodes are known to be within the cap.
    """
    if sum(map(text.count, "[{-:?")) > EVENT_WALK_MIN and (mark := deep_mark(text)) is not None:
        raise _too_deep(mark)
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    finally:
        composer.dispose()
    if node is None:
        return None
    try:
        return _construct(node, 0)
    except _Tagged:
        _within_cap(node)
    loader = StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _within_cap(root: Node) -> None:
    """Refuse a composed document that nests past the cap, walked without recursion."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, SequenceNode | MappingNode):
            if depth > MAX_DEPTH:
                raise _too_deep(node.start_mark)
            children = (
                node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
            )
            stack.extend((child, depth + 1) for child in reversed(children))


def deep_mark(text: str) -> Mark | None:
    """Where the nesting first passes the cap, read from events (which do not recurse).

    libyaml's scanner looks ahead inside flow collections (``[[[...``) and may stop at its
    own limit before the parser has handed over the collection that passes the cap; the
    count then goes on in Python from the last event (:func:`_flow_mark`). None when the
    text is within the cap, or breaks before passing it (the parse then reports the break).
    """
    loader = NodeLoader(text)
    flows: list[bool] = []
    resume = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is None or event.start_mark is None or event.end_mark is None:
                break
            if isinstance(event, yaml.CollectionStartEvent):
                flows.append(bool(event.flow_style))
                if len(flows) > MAX_DEPTH:
                    return _mark_at(text, event.start_mark.index)
            elif isinstance(event, yaml.CollectionEndEvent):
                flows.pop()
            resume = event.end_mark.index
    except yaml.YAMLError:
        return _flow_mark(text, resume, len(flows)) if flows and flows[-1] else None
    finally:
        loader.dispose()
    return None


_FLOW_TOKEN = re.compile(r"""[\[\]{}#'"]""")
_QUOTED_END = {"'": re.compile(r"'(?:[^']|'')*'"), '"': re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)}


def _flow_mark(text: str, index: int, depth: int) -> Mark | None:
    """Where the brackets from ``index`` on, inside a flow collection ``depth`` levels deep,
    pass the cap. Inside a flow collection a plain scalar cannot hold brackets, so every
    bracket outside quotes and comments opens or closes a collection."""
    while (match := _FLOW_TOKEN.search(text, index)) is not None:
        char, at = match.group(), match.start()
        index = at + 1
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _mark_at(text, at)
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return None
        elif char == "#" and (at == 0 or text[at - 1] in " \t\r\n"):
            end_of_line = text.find("\n", at)
            index = len(text) if end_of_line < 0 else end_of_line
        elif char in "'\"" and _node_start(text, at) and (end := _QUOTED_END[char].match(text, at)):
            index = end.end()
    return None


def _node_start(text: str, at: int) -> bool:
    """Whether a quote at ``at`` opens a quoted scalar (not an apostrophe in a plain one)."""
    before = at - 1
    while before >= 0 and text[before] in " \t\r\n":
        before -= 1
    return before < 0 or text[before] in "[{,:?"


def _mark_at(text: str, index: int) -> Mark:
    line_start = text.rfind("\n", 0, index) + 1
    return Mark("<text>", index, text.count("\n", 0, index), index - line_start, None, 0)
