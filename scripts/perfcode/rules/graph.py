"""Loops in a directed graph (alignments that come back to where they started).

The searches run without recursion, so a long chain cannot exhaust Python's stack, and
each is linear: one pass finds the strongly connected components (the groups of nodes
that all reach each other, where every loop lies), and a loop through a node is then
searched for only inside its component, so a loop elsewhere never hides it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

Node = TypeVar("Node", bound=tuple[str, ...])
"""A node is named by a tuple of strings (a goal by cycle, owner and id): hashed and ordered."""


def components(edges: Mapping[Node, Sequence[Node]]) -> dict[Node, int]:
    """Each node's strongly connected component, numbered (Tarjan's algorithm, iterative)."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    component: dict[Node, int] = {}
    stack: list[Node] = []
    on_stack: set[Node] = set()
    count = 0
    for root in edges:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(edges.get(root, ())))]
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(edges.get(nxt, ()))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    count += 1
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = count
                        if member == node:
                            break
    return component


def on_loops(edges: Mapping[Node, Sequence[Node]]) -> tuple[list[Node], dict[Node, int]]:
    """The nodes that lie on a loop, in order, and every node's component."""
    component = components(edges)
    sizes: dict[int, int] = {}
    for number in component.values():
        sizes[number] = sizes.get(number, 0) + 1
    looped = [node for node in sorted(edges) if sizes[component[node]] > 1 or node in edges.get(node, ())]
    return looped, component


def loop_through(
    start: Node, edges: Mapping[Node, Sequence[Node]], component: Mapping[Node, int]
) -> list[Node] | None:
    """A loop through ``start`` (the first a depth-first search meets, following the edges in
    order, inside ``start``'s component), from its smallest node; None if there is none."""
    own = component.get(start)
    path, done = [start], {start}
    stack = [iter(edges.get(start, ()))]
    while stack:
        for nxt in stack[-1]:
            if nxt == start:
                first = path.index(min(path))
                return path[first:] + path[:first]
            if nxt not in done and component.get(nxt) == own:
                done.add(nxt)
                path.append(nxt)
                stack.append(iter(edges.get(nxt, ())))
                break
        else:
            stack.pop()
            path.pop()
    return None
