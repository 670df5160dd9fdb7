#!/usr/bin/env python3
"""Reference values for the label-free augmentation-selection criteria and their rank agreement
(src/engine/selection/), from SciPy and from NumPy implementations written here independently of
the TypeScript.

Writes two fixtures, which the TypeScript tests read so they need no Python:

- test/fixtures/selection/rank_agreement.json: pairs (x, y) with the statistics of
  scipy.stats.kendalltau (defaults: tau-b, nan_policy='propagate') and scipy.stats.spearmanr, and
  the regret of picking by x when y is the truth (argmax of x over its non-NaN entries; a tie at the
  top scores the mean truth of the tied entries; the best truth and the random baseline over all).
- test/fixtures/selection/criteria.json: small embedding sets (Zn training normals, Za augmented
  training normals, Zt test) with DSV and the mean-distance criterion computed in float64 by the
  definitions in src/engine/selection/dsv.ts and meanDistance.ts.

    python3 scripts/reference/selection_reference.py

It needs numpy and SciPy 1.10 or later (results with a .statistic, and spearmanr answering NaN
for a constant input); no scikit-learn, no torch. NaN is written as null and an infinity as the
string "Infinity" or "-Infinity" (JSON has neither). Every input is written out by hand or drawn
from a seeded generator, and embeddings are multiples of 1/256 so that the float32 arrays of the
engine hold them exactly.
"""

import json
import platform
import re
import sys
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "test" / "fixtures" / "selection"


def num(v):
    v = float(v)
    if np.isnan(v):
        return None
    return v if np.isfinite(v) else ("Infinity" if v > 0 else "-Infinity")


def nums(values):
    return [num(v) for v in values]


# ---------------------------------------------------------------- rank agreement


def regret(goodness, truth):
    goodness = np.asarray(goodness, dtype=np.float64)
    truth = np.asarray(truth, dtype=np.float64)
    candidates = ~np.isnan(goodness)
    random_regret = truth.max() - truth.mean()
    if not candidates.any():
        return {"pick": -1, "tied": [], "regret": None, "randomRegret": float(random_regret)}
    best = goodness[candidates].max()
    tied = np.flatnonzero(candidates & (goodness == best))
    return {
        "pick": int(tied[0]),
        "tied": [int(i) for i in tied],
        "regret": float(truth.max() - truth[tied].mean()),
        "randomRegret": float(random_regret),
    }


def rank_case(name, x, y):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tau = stats.kendalltau(x, y).statistic
        rho = stats.spearmanr(x, y).statistic
    return {
        "name": name,
        "x": nums(x),
        "y": nums(y),
        "kendallTau": num(tau),
        "spearmanRho": num(rho),
        "pickRegret": regret(x, y) if np.all(np.isfinite(y)) and len(y) > 0 else None,
    }


def rank_cases(rng):
    cases = []
    r = rank_case
    for n in range(2, 16):
        x = np.round(rng.uniform(0.5, 1.0, size=n), 4)
        y = np.round(rng.uniform(0.5, 1.0, size=n), 4)
        cases.append(r(f"random-n{n}", x, y))
    for n in (5, 9, 15):
        x = np.round(rng.normal(size=n), 3)
        cases.append(r(f"negative-n{n}", x, np.round(-x + rng.normal(0, 0.3, size=n), 3)))
    cases.append(r("perfect-increasing", [1, 2, 3, 4, 5], [0.6, 0.7, 0.8, 0.9, 0.95]))
    cases.append(r("perfect-decreasing", [1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]))
    cases.append(r("ties-in-x", [1, 1, 2, 2, 3, 3, 4], [0.7, 0.72, 0.8, 0.78, 0.9, 0.95, 0.99]))
    cases.append(r("ties-in-both", [3, 1, 3, 2, 2, 5, 1, 3], [0.9, 0.6, 0.9, 0.7, 0.8, 0.95, 0.6, 0.85]))
    cases.append(r("ties-joint-and-top", [2, 5, 5, 1, 5, 0, 3, 3, 4, 2], [0.6, 0.9, 0.8, 0.55, 0.9, 0.5, 0.7, 0.7, 0.75, 0.6]))
    cases.append(r("integer-ties-n15", rng.integers(0, 4, size=15), rng.integers(0, 5, size=15)))
    cases.append(r("two-entries-tied-x", [0.4, 0.4], [0.7, 0.9]))
    cases.append(r("constant-x", [0.5, 0.5, 0.5, 0.5], [0.6, 0.9, 0.7, 0.8]))
    cases.append(r("constant-y", [0.1, 0.4, 0.2, 0.3, 0.5], [0.8, 0.8, 0.8, 0.8, 0.8]))
    cases.append(r("nan-in-x", [0.3, np.nan, 0.1, 0.9, 0.5, np.nan], [0.6, 0.99, 0.7, 0.8, 0.9, 0.75]))
    cases.append(r("all-nan-x", [np.nan, np.nan, np.nan], [0.6, 0.7, 0.8]))
    cases.append(r("single-entry", [0.3], [0.8]))
    cases.append(r("negative-zero-ties-zero", [0.0, -0.0, 1.0, 2.0], [0.5, 0.6, 0.4, 0.9]))
    cases.append(r("infinite-goodness", [-np.inf, 0.5, np.inf, 0.2, -np.inf], [0.6, 0.7, 0.65, 0.9, 0.8]))
    return cases


# ---------------------------------------------------------------- criteria


def unit_rows(z):
    norms = np.sqrt((z * z).sum(axis=1, keepdims=True))
    return z / np.maximum(norms, 1e-12)


def mean_pair_distance(a, b):
    diff = a[:, None, :] - b[None, :, :]
    return np.sqrt((diff * diff).sum(axis=2)).mean()


def dsv(zn, za, zt):
    # The definition of the authors' HybridLoss (github.com/jaeminyoo/DSV, src/losses.py) with its
    # defaults, on unit rows; on these cases it agrees with their torch code run in float64 to 1e-15.
    zn, za, zt = unit_rows(zn), unit_rows(za), unit_rows(zt)
    normal_to_augmented = mean_pair_distance(zn, za) / 2
    discordance = (mean_pair_distance(np.vstack([zn, za]), zt) / 2) / (normal_to_augmented + 1e-8)
    mu = zn.mean(axis=0)
    directions = unit_rows(za - mu)
    projections = (zt - mu) @ directions.T
    separability = min(projections.std() / normal_to_augmented, 0.5)
    return {
        "value": float(discordance - separability / discordance),
        "discordance": float(discordance),
        "separability": float(separability),
    }


def mean_distance(zn, za, zt):
    mu_t = zt.mean(axis=0)
    scale = np.sqrt(2 * ((zt - mu_t) ** 2).sum(axis=1).mean())
    pair_check = np.sqrt(((zt[:, None, :] - zt[None, :, :]) ** 2).sum(axis=2).mean())
    assert np.isclose(scale, pair_check, rtol=1e-12), "s² is the mean pairwise squared distance of Zt"
    tn, ta = (zn - mu_t) / scale, (za - mu_t) / scale
    tt = (zt - mu_t) / scale
    to_normal = ((tt - tn.mean(axis=0)) ** 2).sum(axis=1)
    to_augmented = ((tt - ta.mean(axis=0)) ** 2).sum(axis=1)
    return {
        "value": float(np.minimum(to_normal, to_augmented).mean()),
        "toNormal": float(to_normal.mean()),
        "toAugmented": float(to_augmented.mean()),
        "nearerAugmented": float((to_augmented < to_normal).mean()),
    }


def dyadic(values):
    # Multiples of 1/256 in a float32's range: exact in the engine's Float32Array.
    return np.round(np.asarray(values, dtype=np.float64) * 256) / 256


def criteria_case(name, zn, za, zt):
    zn, za, zt = dyadic(zn), dyadic(za), dyadic(zt)
    for z in (zn, za, zt):
        assert np.array_equal(z.astype(np.float32).astype(np.float64), z)
    return {
        "name": name,
        "d": int(zn.shape[1]),
        "normal": {"n": int(zn.shape[0]), "data": floats(zn.ravel())},
        "augmented": {"n": int(za.shape[0]), "data": floats(za.ravel())},
        "test": {"n": int(zt.shape[0]), "data": floats(zt.ravel())},
        "dsv": dsv(zn, za, zt),
        "meanDistance": mean_distance(zn, za, zt),
    }


def floats(values):
    return [float(v) for v in values]


def criteria_cases(rng):
    cases = []
    c = criteria_case
    cases.append(c("gaussian-d5", rng.normal(size=(10, 5)), rng.normal(0.5, 1, size=(8, 5)), rng.normal(size=(12, 5))))
    centre = rng.normal(size=6)
    shift = rng.normal(size=6) * 2
    zn = centre + 0.3 * rng.normal(size=(13, 6))
    za = centre + shift + 0.3 * rng.normal(size=(9, 6))
    zt = np.vstack([centre + 0.3 * rng.normal(size=(15, 6)), centre + shift + 0.3 * rng.normal(size=(4, 6))])
    cases.append(c("aligned-anomalies-d6", zn, za, zt))
    cases.append(c("misaligned-anomalies-d6", zn, centre - shift + 0.3 * rng.normal(size=(9, 6)), zt))
    cases.append(c("gaussian-d12", rng.normal(size=(9, 12)), rng.normal(0.1, 1, size=(11, 12)), rng.normal(0.2, 1, size=(10, 12))))
    # More dimensions than rows: the separability sums the pair products directly.
    cases.append(c("wide-d40", rng.normal(size=(6, 40)), rng.normal(0.2, 1, size=(5, 40)), rng.normal(size=(7, 40))))
    zn = rng.normal(size=(7, 4))
    za = rng.normal(size=(6, 4))
    zt = rng.normal(size=(9, 4))
    za[2] = 0
    zt[5] = 0
    cases.append(c("zero-rows-d4", zn, za, zt))
    # Zn and Za close together and the test set spread wide: the separability hits its cap of 1/2.
    base = rng.normal(size=8)
    cases.append(c("separability-capped-d8", base + 0.05 * rng.normal(size=(11, 8)), base + 0.05 * rng.normal(size=(10, 8)), rng.normal(size=(14, 8))))
    # Row counts that leave remainders in every tile of the pairwise sums.
    cases.append(c("tiles-with-remainders-d16", rng.normal(size=(61, 16)), rng.normal(0.3, 1, size=(41, 16)), rng.normal(size=(83, 16))))
    return cases


# ---------------------------------------------------------------- output


SCALAR = r'(?:-?[0-9][0-9.eE+-]*|true|false|null|"[^"\\\n]*")'
SCALAR_LIST = re.compile(r"\[\n\s*(" + SCALAR + r"(?:,\n\s*" + SCALAR + r")*)\n\s*\]")


def compact_scalar_lists(text):
    # One line per list of numbers: a readable file with short diffs.
    return SCALAR_LIST.sub(lambda m: "[" + ", ".join(part.strip() for part in m.group(1).split(",\n")) + "]", text)


def write(name, content):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / name
    path.write_text(compact_scalar_lists(json.dumps(content, indent=1, allow_nan=False)) + "\n")
    print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)


def main():
    versions = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__}
    rng = np.random.default_rng(20260511)
    write("rank_agreement.json", {
        "generatedBy": "scripts/reference/selection_reference.py",
        "versions": versions,
        "defaults": "kendalltau: variant='b', nan_policy='propagate'; spearmanr: nan_policy='propagate'",
        "cases": rank_cases(rng),
    })
    write("criteria.json", {
        "generatedBy": "scripts/reference/selection_reference.py",
        "versions": versions,
        "cases": criteria_cases(rng),
    })


if __name__ == "__main__":
    main()
