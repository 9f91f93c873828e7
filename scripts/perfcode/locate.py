"""Locate: give pointer-based findings a line and column.

Only files that have findings are composed again (with libyaml, positions only), so a
clean repository pays nothing for positions. A pointer that ends at a mapping key
points at the key (where the field starts); one that ends at a list item, at the item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, SequenceNode

from perfcode.findings import Finding, PointerPart
from perfcode.strict_yaml import NodeLoader


def locate(findings: Iterable[Finding], texts: Mapping[str, str]) -> list[Finding]:
    """Fill in line and column from each finding's pointer; return them sorted."""
    roots: dict[str, Node | None] = {}
    keys: _KeyIndex = {}
    located = []
    for finding in findings:
        if finding.line == 0 and finding.path in texts:
            if finding.path not in roots:
                roots[finding.path] = _compose(texts[finding.path])
            line, column = position(roots[finding.path], finding.pointer, keys)
            finding = replace(finding, line=line, column=column)
        elif finding.line == 0:
            finding = replace(finding, line=1, column=1)
        located.append(finding)
    return sorted(located)


def _compose(text: str) -> Node | None:
    loader = NodeLoader(text)
    try:
        node: Node | None = loader.get_single_node()
    except yaml.YAMLError:
        node = None
    finally:
        loader.dispose()
    return node


_KeyIndex = dict[int, dict[str, tuple[Node, Mark]]]
"""Each mapping node's keys (by the node's id), built the first time a pointer passes it,
so that locating many findings in one large mapping stays linear in the file."""


def position(
    root: Node | None, pointer: tuple[PointerPart, ...], keys: _KeyIndex | None = None
) -> tuple[int, int]:
    """The 1-based line and column of the node a pointer names (or its nearest parent)."""
    if root is None:
        return 1, 1
    keys = {} if keys is None else keys
    node, mark = root, root.start_mark
    for part in pointer:
        step = _child(node, part, keys)
        if step is None:
            break
        node, mark = step
    return mark.line + 1, mark.column + 1


def _child(node: Node, part: PointerPart, keys: _KeyIndex) -> tuple[Node, Mark] | None:
    """The child a pointer part names, and where to point: a key, or a list item."""
    if isinstance(node, MappingNode):
        index = keys.get(id(node))
        if index is None:
            index = keys[id(node)] = {}
            for key, value in node.value:
                index.setdefault(str(key.value), (value, key.start_mark))
        return index.get(str(part))
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item: Node = node.value[part]
        return item, item.start_mark
    return None
