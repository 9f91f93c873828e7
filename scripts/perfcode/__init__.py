"""perfcode: performance management as code.

A company's performance system (framework, governance, cascade of goals, reviews) lives
as YAML in git. The package checks it, scores it and publishes it. Its modules follow the
data: ``load`` -> ``schema`` -> ``model`` -> ``rules`` -> ``report``, with ``cli`` on top.
"""

__version__ = "0.1.0"
