"""Mermaid flowcharts of the cascade: per level for the strategy map, per unit on its page.

Node ids are made here (``n0``, ``n1`` ...); every label from data goes through
:func:`perfcode.site.escape.mermaid_label`. A diagram with more than ``MAX_NODES`` nodes
is not drawn (a browser lays it out too slowly to read); the tree and the unit pages
show the same goals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from perfcode.model import GoalFile
from perfcode.site.cascade import Cascade, Key
from perfcode.site.escape import mermaid_label
from perfcode.site.text import score, state

MAX_NODES = 60
STYLES = (
    "classDef theme fill:#ede7f6,stroke:#5e35b1,color:#311b92",
    "classDef good fill:#e8f5e9,stroke:#2e7d32,color:#1b5e20",
    "classDef fair fill:#fff8e1,stroke:#f9a825,color:#5d4037",
    "classDef low fill:#ffebee,stroke:#c62828,color:#b71c1c",
    "classDef none fill:#eceff1,stroke:#78909c,color:#263238",
    "classDef person fill:#e3f2fd,stroke:#1e88e5,color:#0d47a1",
)


@dataclass
class Diagram:
    title: str
    source: str = ""
    nodes: int = 0
    too_big: bool = False


@dataclass
class _Builder:
    cascade: Cascade
    lines: list[str] = field(default_factory=list)
    ids: dict[object, str] = field(default_factory=dict)
    edges: set[tuple[str, str]] = field(default_factory=set)

    def node(self, key: object, label: str, style: str) -> str:
        if key not in self.ids:
            ident = f"n{len(self.ids)}"
            self.ids[key] = ident
            self.lines.append(f"    {ident}[{mermaid_label(label)}]:::{style}")
        return self.ids[key]

    def goal(self, key: Key) -> str:
        goal = self.cascade.goal(key)
        value = self.cascade.progress(key)
        suffix = f" - {score(value)}" if value is not None else ""
        return self.node(key, goal.title + suffix, state(value))

    def group(self, label: str, keys: Iterable[Key]) -> None:
        self.lines.append(f"  subgraph g{len(self.lines)} [{mermaid_label(label)}]")
        for key in keys:
            self.goal(key)
        self.lines.append("  end")

    def edge(self, parent: object, child: object) -> None:
        if parent in self.ids and child in self.ids:
            self.edges.add((self.ids[parent], self.ids[child]))

    def diagram(self, title: str) -> Diagram:
        if len(self.ids) > MAX_NODES:
            return Diagram(title, nodes=len(self.ids), too_big=True)
        edges = [f"  {a} --> {b}" for a, b in sorted(self.edges)]
        source = "\n".join(["flowchart LR", *(f"  {s}" for s in STYLES), *self.lines, *edges])
        return Diagram(title, source, len(self.ids))


def keys_of(files: Iterable[GoalFile]) -> list[Key]:
    return [(f.cycle, f.owner, g.id) for f in files for g in f.goals]


def company_diagram(cascade: Cascade, company: Sequence[Key]) -> Diagram:
    """Strategy themes and the company goals that serve them."""
    build = _Builder(cascade)
    themes = cascade.data.company().get("strategy", {}).get("themes", ())
    build.lines.append(f"  subgraph themes [{mermaid_label('Strategy')}]")
    for theme in themes:
        build.node(("theme", theme["id"]), theme["title"], "theme")
    build.lines.append("  end")
    build.group("Company goals", company)
    for key in company:
        if (theme := cascade.goal(key).theme) is not None:
            build.edge(("theme", theme), key)
    return build.diagram("Strategy and company goals")


def level_diagram(cascade: Cascade, title: str, groups: Sequence[tuple[str, Sequence[Key]]]) -> Diagram:
    """The goals of some owners (one box each) and the goals above them that they serve."""
    build = _Builder(cascade)
    members = [key for _, keys in groups for key in keys]
    above = _unique(parent for key in members for parent in cascade.parents.get(key, []))
    above = [key for key in above if key not in set(members)]
    if above:
        build.group("Goals above", above)
    for label, keys in groups:
        build.group(label, keys)
    for key in members:
        for parent in cascade.parents.get(key, []):
            build.edge(parent, key)
    return build.diagram(title)


def unit_diagram(cascade: Cascade, title: str, own: Sequence[Key]) -> Diagram:
    """A unit's goals, what they serve and what serves them.

    Goals of units below get a box per unit; people who support a goal appear as one node
    each (their goals are listed in their section of the page), so the diagram stays
    readable for a unit of any size.
    """
    build = _Builder(cascade)
    above = [key for key in _unique(p for k in own for p in cascade.parents.get(k, [])) if key not in own]
    if above:
        build.group("Goals above", above)
    build.group(title, own)
    units: dict[str, list[Key]] = {}
    people: dict[str, list[tuple[Key, Key]]] = {}
    for key in own:
        for child in cascade.children.get(key, []):
            goals = cascade.file(child)
            if goals.level == "person":
                people.setdefault(goals.owner, []).append((key, child))
            else:
                units.setdefault(cascade.owner_name(goals), []).append(child)
    for name, keys in sorted(units.items()):
        build.group(name, _unique(keys))
    if people:
        _people(build, cascade, people)
    for key in [*own, *(k for keys in units.values() for k in keys)]:
        for parent in cascade.parents.get(key, []):
            build.edge(parent, key)
    return build.diagram(title)


def _people(build: _Builder, cascade: Cascade, people: dict[str, list[tuple[Key, Key]]]) -> None:
    build.lines.append(f"  subgraph people [{mermaid_label('People')}]")
    for person, links in sorted(people.items()):
        found = cascade.data.repo.people.get(person)
        count = len({child for _, child in links})
        label = f"{found.name if found else person}: {count} goal{'s' if count != 1 else ''}"
        build.node(("person", person), label, "person")
    build.lines.append("  end")
    for person, links in people.items():
        for parent, _ in links:
            build.edge(parent, ("person", person))


def _unique(keys: Iterable[Key]) -> list[Key]:
    return list(dict.fromkeys(keys))
