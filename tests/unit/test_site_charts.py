"""Charts say in words what they draw: a title names them, a description holds the data."""

from __future__ import annotations

import re
from decimal import Decimal

from perfcode.site.charts import Series, curve_chart, progress_chart


def _words(svg: str) -> tuple[str, str]:
    found = re.match(
        r'<svg class="pc-chart" [^>]*role="img"[^>]*><title>(.*?)</title><desc>(.*?)</desc>', svg
    )
    assert found, svg[:200]
    return found.group(1), found.group(2)


def test_a_progress_chart_describes_its_check_ins_actual_and_marks() -> None:
    series = Series(
        start="2026-07-01",
        end="2026-12-31",
        points=[("2026-08-31", Decimal(120)), ("2026-09-30", Decimal("250.5"))],
        marks=[("threshold", Decimal(100)), ("target", Decimal(500))],
        today="2026-11-24",
        final=Decimal(480),
        unit="<devices>",
    )
    assert _words(progress_chart(series, "Devices updated over the cycle")) == (
        "Devices updated over the cycle",
        "From 2026-07-01 to 2026-12-31. Check-ins: 2026-08-31 120, 2026-09-30 250.5. "
        "Actual: 480 &lt;devices&gt;. threshold 100, target 500 &lt;devices&gt;.",
    )


def test_a_curve_chart_describes_the_score_at_each_named_value() -> None:
    points = [(0.0, 0.0), (0.25, 0.0), (0.25, 0.5), (0.5, 1.0), (0.75, 1.5), (1.0, 1.5)]
    ticks = [(0.25, "threshold"), (0.5, "target"), (0.75, "stretch")]
    assert _words(curve_chart(points, ticks, "Scoring curve stepped")) == (
        "Scoring curve stepped",
        "threshold scores 0.5, target scores 1, stretch scores 1.5; the highest score is 1.5.",
    )
