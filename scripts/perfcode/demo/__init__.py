"""Demo organisation: the parts of ``perfcode demo-org`` (see :mod:`perfcode.demo_org`).

``catalogue`` and ``framework`` hold the fixed content (departments, positions, measures,
names, the framework), ``org`` plans units, people and target ratings, ``values`` turns a
wanted score into key-result values and check-ins, ``goals`` and ``reviews`` build the
files' data, and ``emit`` writes that data as YAML the strict loader reads back exactly.
"""
