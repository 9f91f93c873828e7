"""Loops in a directed graph (alignments that come back to where they started).

The search runs without recursion, so a long chain cannot exhaust Python's stack, and it
looks at each node once to find every node that can reach a loop before looking for loops
themselves: in a graph of a hundred thousand goals and a handful of loops, only the few
nodes that matter are searched again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

Node = TypeVar("Node", bound=tuple[str, ...])
"""A node is named by a tuple of strings (a goal by cycle, owner and id): hashed and ordered."""


def reaching_loops(edges: Mapping[Node, Sequence[Node]]) -> set[Node]:
    """The nodes from which following the edges reaches a loop (those on one included).

    One depth-first pass over every node: a node reaches a loop when one of its edges leads
    back to a node still being searched, or to a node that reaches a loop.
    """
    live: set[Node] = set()
    searching: set[Node] = set()
    finished: set[Node] = set()
    for root in edges:
        if root in finished:
            continue
        stack = [(root, iter(edges[root]))]
        searching.add(root)
        while stack:
            node, successors = stack[-1]
            for nxt in successors:
                if nxt in searching or nxt in live:
                    live.add(node)
                elif nxt not in finished:
                    searching.add(nxt)
                    stack.append((nxt, iter(edges.get(nxt, ()))))
                    break
            else:
                stack.pop()
                searching.discard(node)
                finished.add(node)
                if node in live and stack:
                    live.add(stack[-1][0])
    return live


def first_loop(start: Node, edges: Mapping[Node, Sequence[Node]], live: set[Node]) -> list[Node] | None:
    """The first loop a depth-first search from ``start`` meets (following the edges in
    order), from its smallest node, when ``start`` is on it; else None.

    ``live`` is :func:`reaching_loops`: the search skips the nodes outside it, which cannot
    lead to a loop.
    """
    path, on_path, done = [start], {start}, set[Node]()
    stack = [iter(edges.get(start, ()))]
    loop: list[Node] | None = None
    while stack and loop is None:
        for nxt in stack[-1]:
            if nxt in on_path:
                loop = path[path.index(nxt) :]
                break
            if nxt in live and nxt not in done:
                path.append(nxt)
                on_path.add(nxt)
                stack.append(iter(edges.get(nxt, ())))
                break
        else:
            stack.pop()
            node = path.pop()
            on_path.discard(node)
            done.add(node)
    if loop is None or start not in loop:
        return None
    first = loop.index(min(loop))
    return loop[first:] + loop[:first]
