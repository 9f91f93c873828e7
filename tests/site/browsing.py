"""What the browser tests share: Debian's chromium, a local server for a built site, and
the palette a page opens in.

Material keeps the reader's palette choice in localStorage (``/.__palette`` for a site at
the root of its host); writing it before the page loads opens the page in that palette, as
the toggle in the header would.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCHEMES = ("default", "slate")
"""Material's light and dark palettes (mkdocs.yml lists them in this order)."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free local port while the generator is open; its base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def palette_script(scheme: str) -> str:
    """An init script that opens every page in the palette ``scheme``."""
    choice = {"index": SCHEMES.index(scheme), "color": {"media": "", "scheme": scheme}}
    return f"localStorage.setItem('/.__palette', {json.dumps(json.dumps(choice))});"
