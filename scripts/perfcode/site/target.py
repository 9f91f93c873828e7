"""Where the publish workflow sends the built site, for its ``$GITHUB_OUTPUT``.

``python -m perfcode.site.target [ROOT]`` prints ``site=public``, ``site=private-pages``
or ``site=artifact``: ``publication.site`` in ``ROOT/org/framework.yaml``. Anything but an
explicit, valid ``public`` or ``private-pages`` (no framework, a broken one, no key, an
unknown value) is ``artifact``: the site is deployed to GitHub Pages only when the
framework says it may be.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from perfcode.site.policy import DEPLOYED
from perfcode.strict_yaml import read_data


def site_target(framework: Mapping[str, Any] | None) -> str:
    """``publication.site`` when it deploys, otherwise ``artifact``."""
    publication = (framework or {}).get("publication")
    site = publication.get("site") if isinstance(publication, Mapping) else None
    return site if isinstance(site, str) and site in DEPLOYED else "artifact"


def target_of(root: Path) -> str:
    try:
        framework = read_data((root / "org" / "framework.yaml").read_text(encoding="utf-8"))
    except Exception:  # whatever is wrong with the file (missing, unreadable, refused): no deploy
        return "artifact"
    return site_target(framework if isinstance(framework, Mapping) else None)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(f"site={target_of(Path(args[0] if args else '.'))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
