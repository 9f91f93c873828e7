"""Report: findings as text, GitHub workflow commands, JSON or SARIF.

Every string that reaches the output may come from YAML, so control characters are
escaped in every format, and the GitHub format applies the workflow-command escaping
(https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts) and wraps the
plain list in ``stop-commands`` so that no text can be read as a command.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from urllib.parse import quote

from perfcode import __version__
from perfcode.findings import Finding
from perfcode.rules import all_rules

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def clean(text: str) -> str:
    """Control characters (newlines included) shown as escapes, never acted on."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def line_of(finding: Finding) -> str:
    return f"{clean(finding.path)}:{finding.line}:{finding.column}: {finding.code} {clean(finding.text)}"


def _summary(findings: Sequence[Finding], files: int) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return f"{files} files checked: no findings"
    return f"{files} files checked: {errors} error(s), {warnings} warning(s)"


def text(findings: Sequence[Finding], files: int) -> str:
    lines = [line_of(f) + (" [warning]" if f.severity == "warning" else "") for f in findings]
    return "\n".join([*lines, _summary(findings, files)]) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding], files: int) -> str:
    plain = text(findings, files)
    token = hashlib.sha256(plain.encode("utf-8")).hexdigest()[:32]
    out = [f"::stop-commands::{token}", plain.rstrip("\n"), f"::{token}::"]
    for f in findings:
        props = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", f.path),
                ("line", f.line),
                ("col", f.column),
                ("title", f.code),
            )
        )
        out.append(f"::{f.severity} {props}::{_escape_data(f.text)}")
    return "\n".join(out) + "\n"


def as_json(findings: Sequence[Finding], files: int) -> str:
    payload = {
        "files": files,
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "severity": f.severity,
                "message": f.message,
                "hint": f.hint,
            }
            for f in findings
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def sarif(findings: Sequence[Finding], files: int) -> str:
    rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.explanation},
            "defaultConfiguration": {"level": r.severity},
        }
        for r in all_rules()
    ]
    results = [
        {
            "ruleId": f.code,
            "level": f.severity,
            "message": {"text": f.text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(f.path)},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        for f in findings
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "perfcode", "version": __version__, "rules": rules}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Callable[[Sequence[Finding], int], str]] = {
    "text": text,
    "github": github,
    "json": as_json,
    "sarif": sarif,
}
