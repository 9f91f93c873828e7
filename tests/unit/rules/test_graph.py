"""The loop search of PC205 against plain recursive definitions, on random graphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from perfcode.rules.graph import first_loop, reaching_loops

Node = tuple[str]
Edges = dict[Node, list[Node]]

graphs = st.dictionaries(
    st.sampled_from([(c,) for c in "abcdefgh"]),
    st.lists(st.sampled_from([(c,) for c in "abcdefghij"]), max_size=4),
    max_size=8,
)


def reachable(start: Node, edges: Edges) -> set[Node]:
    """Nodes one or more edges away from ``start``."""
    seen: set[Node] = set()
    todo = list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo += edges.get(node, ())
    return seen


def recursive_loop(start: Node, edges: Edges) -> list[Node] | None:
    """The first loop a recursive depth-first search from ``start`` meets, when it is on it."""
    path: list[Node] = []
    on_path: set[Node] = set()
    done: set[Node] = set()

    def visit(node: Node) -> list[Node] | None:
        if node in on_path:
            return path[path.index(node) :]
        if node in done:
            return None
        path.append(node)
        on_path.add(node)
        for nxt in edges.get(node, ()):
            if (loop := visit(nxt)) is not None:
                return loop
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    loop = visit(start)
    if loop is None or start not in loop:
        return None
    first = loop.index(min(loop))
    return loop[first:] + loop[:first]


@settings(max_examples=300)
@given(graphs)
def test_a_node_reaches_a_loop_when_a_node_it_reaches_is_on_one(edges: Edges) -> None:
    on_loop = {node for node in edges if node in reachable(node, edges)}
    expected = {node for node in edges if on_loop & (reachable(node, edges) | {node})}
    assert reaching_loops(edges) == expected


@settings(max_examples=300)
@given(graphs)
def test_the_loop_found_from_each_node_is_the_recursive_search_s(edges: Edges) -> None:
    live = reaching_loops(edges)
    for start in sorted(edges):
        assert first_loop(start, edges, live) == recursive_loop(start, edges)


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    chain: Edges = {(f"{i:06d}",): [(f"{i + 1:06d}",)] for i in range(50_000)}
    chain[("050000",)] = [("000000",)]
    live = reaching_loops(chain)
    assert len(live) == 50_001
    loop = first_loop(("000000",), chain, live)
    assert loop is not None and len(loop) == 50_001
