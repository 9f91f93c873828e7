"""Scoring: key results -> goals -> components -> final score -> rating -> results use.

Pure and deterministic: :class:`decimal.Decimal` throughout, rounded by the rule the
framework declares, so the same commit gives the same numbers on every machine.
"""
