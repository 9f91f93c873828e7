"""Values: key results whose actual (or latest check-in) scores about a wanted score.

Numbers are drawn in *ticks* (units of the measure's last decimal place), so a baseline,
threshold, target and stretch are always strictly ordered in the measure's direction, and
written as ``int`` or exact :class:`decimal.Decimal`. The inverse of each curve of the demo
framework turns a wanted score into a value; the score a value really gets is left to
:mod:`perfcode.scoring` (see :mod:`perfcode.demo.reviews`).
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from perfcode.demo.catalogue import Measure
from perfcode.demo.texts import CHECK_IN_NOTES
from perfcode.emit import Flow

_LEVEL_SCORES = ((5, 1.2), (4, 1.05), (3, 0.9), (2, 0.7), (1, 0.0))
"""The scale's levels and what each counts as (the framework's min_score)."""


def number(ticks: int, places: int) -> int | Decimal:
    return ticks if places == 0 else Decimal(ticks).scaleb(-places)


def points(m: Measure, rng: random.Random) -> dict[str, int]:
    """Baseline, threshold, target and stretch in ticks (the last two only for stepped curves)."""
    scale, up = 10**m.places, m.direction == "increase"
    base = round(rng.uniform(m.low, m.high) * scale)
    step = max(1, round(base * rng.uniform(0.03, 0.06) if up else base * rng.uniform(0.04, 0.1)))
    if up and m.ceiling is not None:
        room = round(m.ceiling * scale) - base
        step = max(1, min(step, room // 6))
        base = min(base, round(m.ceiling * scale) - 6 * step)
    if not up:
        base = max(base, 7 * step)
    sign = 1 if up else -1
    found = {"baseline": base, "threshold": base + sign * 2 * step, "target": base + sign * 4 * step}
    if m.curve == "stepped":
        found["stretch"] = base + sign * 6 * step
    else:
        del found["threshold"]
    return found


def achieved(m: Measure, wanted: float) -> float:
    """About the score a key result of this measure gets when it aims at ``wanted``."""
    if m.curve == "milestone":
        return 1.0 if wanted >= 0.75 else 0.0
    if m.curve == "okr":
        return round(min(max(wanted, 0.0), 1.0) * 20) / 20
    if m.curve == "rated":
        return _level(wanted)[1]
    if m.curve == "linear":
        return min(max(wanted, 0.0), 1.2)
    return min(wanted, 1.5) if wanted >= 0.5 else 0.0


def _level(wanted: float) -> tuple[int, float]:
    return min(_LEVEL_SCORES, key=lambda level: abs(level[1] - wanted))


def value(m: Measure, found: dict[str, int], wanted: float) -> int | Decimal | bool:
    """The value that scores about ``wanted`` on the measure's curve."""
    if m.curve == "milestone":
        return wanted >= 0.75
    if m.curve == "okr":
        return Decimal(round(min(max(wanted, 0.0), 1.0) * 20) * 5).scaleb(-2)
    if m.curve == "rated":
        return _level(wanted)[0]
    return number(_ticks(m, found, wanted), m.places)


def _ticks(m: Measure, p: dict[str, int], wanted: float) -> int:
    base, target = p["baseline"], p["target"]
    if m.curve == "linear":
        raw = base + min(max(wanted, 0.0), 1.25) * (target - base)
    elif wanted < 0.5:
        raw = base + (p["threshold"] - base) * max(wanted, 0.0) / 0.5 * 0.8
    elif wanted <= 1:
        raw = p["threshold"] + (wanted - 0.5) / 0.5 * (target - p["threshold"])
    else:
        raw = target + min(wanted - 1, 0.55) / 0.5 * (p["stretch"] - target)
    ceiling = round(m.ceiling * 10**m.places) if m.ceiling is not None else None
    ticks = max(round(raw), 0)
    return min(ticks, ceiling) if ceiling is not None else ticks


def check_ins(
    m: Measure, found: dict[str, int], final: Any, dates: list[str], rng: random.Random
) -> list[Flow]:
    """Check-ins on ``dates`` that progress from the baseline to ``final`` (the last one)."""
    values = [_progress(m, found, final, (i + 1) / len(dates), rng) for i in range(len(dates) - 1)]
    result = []
    for date, progress in zip(dates, [*values, final], strict=True):
        entry = Flow(date=date, value=progress)
        if rng.random() < 0.06:
            entry["note"] = rng.choice(CHECK_IN_NOTES)
        result.append(entry)
    return result


def _progress(m: Measure, found: dict[str, int], final: Any, share: float, rng: random.Random) -> Any:
    if isinstance(final, bool):
        return final and share > 0.8
    if m.curve == "okr":
        return Decimal(round(float(final) * share * 20) * 5).scaleb(-2)
    if m.curve == "rated":
        return max(1, final - rng.choice((0, 0, 1)))
    scale = 10**m.places
    end = round(Decimal(final) * scale)
    base = found["baseline"]
    jitter = rng.choice((-1, 0, 0, 1)) * max(1, abs(end - base) // 10)
    ticks = max(round(base + (end - base) * share) + jitter, 0)
    if m.ceiling is not None:
        ticks = min(ticks, round(m.ceiling * scale))
    return number(ticks, m.places)
