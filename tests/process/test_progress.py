"""Progress shows on a terminal only, never in CI or when piped."""

from __future__ import annotations

import io

import pytest

from perfcode.progress import track


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_a_counter_that_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    out = Terminal()
    assert list(track(range(30), "writing files", out)) == list(range(30))
    assert out.getvalue().startswith("\rwriting files: 1/30")
    assert out.getvalue().endswith("\rwriting files: 30/30\r\x1b[K")


@pytest.mark.parametrize(("stream", "ci"), [(io.StringIO(), ""), (Terminal(), "true")])
def test_pipes_and_ci_see_nothing(stream: io.StringIO, ci: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", ci)
    assert list(track(range(30), "writing files", stream)) == list(range(30))
    assert stream.getvalue() == ""
