"""The loop search of PC205 against plain definitions, on random graphs."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from perfcode.rules.graph import components, loop_through, on_loops

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


@settings(max_examples=300)
@given(graphs)
def test_components_are_the_nodes_that_reach_each_other(edges: Edges) -> None:
    component = components(edges)
    nodes = set(edges) | {n for targets in edges.values() for n in targets}
    assert set(component) == nodes
    for a, b in itertools.product(nodes, repeat=2):
        mutual = a == b or (b in reachable(a, edges) and a in reachable(b, edges))
        assert (component[a] == component[b]) == mutual


@settings(max_examples=300)
@given(graphs)
def test_every_node_on_a_loop_gets_a_loop_through_it(edges: Edges) -> None:
    looped, component = on_loops(edges)
    assert looped == sorted(node for node in edges if node in reachable(node, edges))
    for start in sorted(edges):
        loop = loop_through(start, edges, component)
        if start not in looped:
            assert loop is None
            continue
        assert loop is not None and start in loop and loop[0] == min(loop)
        assert len(set(loop)) == len(loop)
        for a, b in zip(loop, loop[1:] + loop[:1], strict=True):
            assert b in edges[a]


def test_a_loop_elsewhere_does_not_hide_one() -> None:
    a, b, x, y = ("a",), ("b",), ("x",), ("y",)
    edges: Edges = {a: [x, b], b: [a], x: [y], y: [x]}
    looped, component = on_loops(edges)
    assert [loop_through(n, edges, component) for n in looped] == [[a, b], [a, b], [x, y], [x, y]]


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    chain: Edges = {(f"{i:06d}",): [(f"{i + 1:06d}",)] for i in range(50_000)}
    chain[("050000",)] = [("000000",)]
    looped, component = on_loops(chain)
    assert len(looped) == 50_001
    loop = loop_through(("000000",), chain, component)
    assert loop is not None and len(loop) == 50_001
