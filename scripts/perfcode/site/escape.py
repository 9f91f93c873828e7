"""Escaping for every place a string lands: HTML, Mermaid, URLs and anchors.

HTML escaping is Jinja2's autoescape (and :func:`markupsafe.escape` in Python code);
this module holds the other contexts. No link is ever made from data text: links are
built from ids (slugs, cycle ids) by :mod:`perfcode.site.links`, each part
percent-encoded, so no ``javascript:`` or other scheme can come from the YAML. Mermaid gets each label quoted with every character
but ASCII letters, digits and spaces written as a Mermaid entity (``#60;``), so a label
can neither end its quotes nor start a directive (``%%{init}%%``), a link or HTML; Mermaid
turns the entities back into text, never markup.
https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup, escape

_CODE = re.compile(r"`([^`]+)`")


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label showing ``text`` literally."""
    body = "".join(ch if ch.isascii() and (ch.isalnum() or ch == " ") else f"#{ord(ch)};" for ch in text)
    return f'"{body}"'


def path_part(text: str) -> str:
    """``text`` percent-encoded for one segment of a URL path or a fragment."""
    return quote(text, safe="-_.~")


def inline_code(text: str) -> Markup:
    """Trusted prose (schema descriptions, rule explanations): escaped, `x` as <code>."""
    escaped = str(escape(text))
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped))
