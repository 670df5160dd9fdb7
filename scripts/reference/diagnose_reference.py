#!/usr/bin/env python3
"""Reference values for the two-sample distances of the alignment diagnostic
(src/engine/diagnose/twoSampleDistance.ts), computed independently with NumPy and SciPy.

Writes test/fixtures/diagnose/two_sample.json: a few small fixed sets X, Y and, for each,

- the energy distance, V-statistic: 2·mean‖x − y‖ − mean‖x − x′‖ − mean‖y − y′‖, every mean over
  all ordered pairs (i = j included), from scipy.spatial.distance.cdist;
- the median heuristic: numpy.median of scipy.spatial.distance.pdist over the pooled sample
  X ∪ Y (Euclidean, not squared; distinct pairs); when it is 0, the median of the positive
  distances;
- MMD² (V-statistic) with the RBF kernel exp(−‖x − y‖² / (2σ²)), σ the median heuristic, and,
  where a case gives one, σ fixed.

The one-dimensional case is also checked against scipy.stats.energy_distance, which returns the
square root of the V-statistic above (sqrt(2·E|X−Y| − E|X−X′| − E|Y−Y′|)) for two samples: its
square must equal the cdist form, or the script stops.

The TypeScript tests read the JSON, so they need no Python. Rerun after changing a case:

    python3 scripts/reference/diagnose_reference.py

Every input comes from a seeded generator or is written out, so the output is the same on every
run with the same library versions.
"""

import json
import platform
import re
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import cdist, pdist

OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "diagnose" / "two_sample.json"


def energy(x, y):
    return 2 * cdist(x, y).mean() - cdist(x, x).mean() - cdist(y, y).mean()


def median_heuristic(x, y):
    distances = pdist(np.vstack([x, y]))
    median = float(np.median(distances))
    if median > 0:
        return median
    positive = distances[distances > 0]
    return float(np.median(positive)) if positive.size else 0.0


def mmd2(x, y, sigma):
    def k(a, b):
        return np.exp(-cdist(a, b, "sqeuclidean") / (2 * sigma * sigma))

    return k(x, x).mean() + k(y, y).mean() - 2 * k(x, y).mean()


def case(name, x, y, sigma=None):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
        y = y[:, None]
    bandwidth = median_heuristic(x, y)
    out = {
        "name": name,
        "d": int(x.shape[1]),
        "x": [[float(v) for v in row] for row in x],
        "y": [[float(v) for v in row] for row in y],
        "expected": {
            "energy": float(energy(x, y)),
            "medianBandwidth": bandwidth,
            "mmd2": float(mmd2(x, y, bandwidth)),
        },
    }
    if sigma is not None:
        out["bandwidth"] = sigma
        out["expected"]["mmd2FixedBandwidth"] = float(mmd2(x, y, sigma))
    if x.shape[1] == 1:
        scipy_value = stats.energy_distance(x[:, 0], y[:, 0]) ** 2
        if not np.isclose(scipy_value, out["expected"]["energy"], rtol=1e-12, atol=1e-14):
            raise SystemExit(f"{name}: scipy.stats.energy_distance² = {scipy_value}, cdist form = {out['expected']['energy']}")
        out["expected"]["scipyEnergyDistanceSquared"] = float(scipy_value)
    return out


def cases(rng):
    point = [0.25, 0.5, 0.75]
    return [
        case("gaussian, 2-D, 7 vs 9", rng.normal(size=(7, 2)), rng.normal(size=(9, 2)), sigma=0.7),
        case("shifted by 0.8 in every coordinate, 3-D, 12 vs 10", rng.normal(size=(12, 3)), rng.normal(0.8, 1, size=(10, 3))),
        case("one-dimensional, 8 vs 11", rng.normal(size=8), rng.normal(0.3, 2, size=11)),
        case("identical sets, 4-D, 6 vs 6 (distance 0)", *(lambda a: (a, a.copy()))(rng.normal(size=(6, 4)))),
        case(
            "pixel-like values in [0, 1] (float32), 16-D, 20 vs 25: 990 pooled pairs, an even count",
            rng.random((20, 16)).astype(np.float32),
            (rng.random((25, 16)) * 0.8 + 0.2).astype(np.float32),
            sigma=1.25,
        ),
        case("5 vs 10, 3-D: 105 pooled pairs, an odd count", rng.normal(size=(5, 3)), rng.normal(size=(10, 3))),
        case(
            "duplicated rows, 2-D, 6 vs 5",
            [[0, 0], [0, 0], [1, 2], [1, 2], [3, -1], [0.5, 0.5]],
            [[0, 0], [1, 2], [2, 2], [2, 2], [-1, 0]],
        ),
        case(
            "more than half the pooled pairs identical: the median of the positive distances",
            [point] * 5,
            [point] * 4 + [[1.0, 0.0, 0.5]],
        ),
    ]


SCALAR = r'(?:-?[0-9][0-9.eE+-]*|true|false|"[^"\\\n]*")'
SCALAR_LIST = re.compile(r"\[\n\s*(" + SCALAR + r"(?:,\n\s*" + SCALAR + r")*)\n\s*\]")


def compact_scalar_lists(text):
    # One line per list of numbers: a readable file with short diffs.
    return SCALAR_LIST.sub(lambda m: "[" + ", ".join(part.strip() for part in m.group(1).split(",\n")) + "]", text)


def main():
    rng = np.random.default_rng(20250610)
    reference = {
        "generatedBy": "scripts/reference/diagnose_reference.py",
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__},
        "estimator": "V-statistic (all ordered pairs, i = j included); RBF bandwidth: median of pdist of the pooled sample",
        "cases": cases(rng),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(compact_scalar_lists(json.dumps(reference, indent=1)) + "\n")
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
