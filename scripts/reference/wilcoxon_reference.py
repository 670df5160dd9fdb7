#!/usr/bin/env python3
"""Reference values for the engine's Wilcoxon signed-rank test and normal tail
(src/engine/metrics/wilcoxon.ts, normal.ts), from the current SciPy.

Writes test/fixtures/metrics/wilcoxon.json: fixed inputs, what scipy.stats.wilcoxon (defaults:
zero_method='wilcox', correction=False, alternative='two-sided', method='auto') and
scipy.stats.norm.sf give for them, which method 'auto' used, and the library versions. The
TypeScript tests read that file, so they need no Python; rerun this script after a SciPy
upgrade to check the engine still agrees:

    python3 scripts/reference/wilcoxon_reference.py

It needs numpy and SciPy 1.15 or later (the release whose 'auto' added the permutation test for
ties and zeros); no scikit-learn. Every input is written out by hand or drawn from a seeded
generator, so the output is the same on every run with the same library versions.

The method of each case is SciPy's 'auto' rule as its source states it (more than 50
differences: asymptotic; otherwise no tie among the non-zero |d| and no zero: exact; otherwise
at most 13 differences: permutation; otherwise asymptotic), and is confirmed by SciPy itself:
'auto' must give exactly the p-value of that method requested explicitly.
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

OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "metrics" / "wilcoxon.json"


def floats(values):
    return [float(v) for v in values]


def auto_rule(d):
    nonzero = d[d != 0]
    zeros = len(d) - len(nonzero)
    ties = len(np.unique(np.abs(nonzero))) < len(nonzero)
    if len(d) > 50:
        return "asymptotic"
    if not ties and zeros == 0:
        return "exact"
    return "permutation" if len(d) <= 13 else "asymptotic"


def explicit(method):
    return stats.PermutationMethod() if method == "permutation" else method


def wilcoxon_reference(name, x, y=None):
    x = np.asarray(x, dtype=np.float64)
    args = (x,) if y is None else (x, np.asarray(y, dtype=np.float64))
    case = {"name": name, "x": floats(x)}
    if y is not None:
        case["y"] = floats(args[1])
    d = x if y is None else x - args[1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        auto = stats.wilcoxon(*args)
    if len(d) > 0 and np.all(d == 0):
        # SciPy answers NaN (asymptotic) or 1 (permutation test of nothing); the engine rejects it.
        case["expected"] = {"allZero": True, "scipyPValue": None if np.isnan(auto.pvalue) else float(auto.pvalue)}
        return case
    if np.isnan(auto.pvalue):
        case["expected"] = {"scipyNan": True}
        return case
    method = auto_rule(d)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chosen = stats.wilcoxon(*args, method=explicit(method))
    if chosen.pvalue != auto.pvalue or chosen.statistic != auto.statistic:
        raise SystemExit(f"{name}: 'auto' gave p = {auto.pvalue!r}, method={method!r} gave {chosen.pvalue!r}")
    zeros = int(np.sum(d == 0))
    case["expected"] = {
        "statistic": float(auto.statistic),
        "pValue": float(auto.pvalue),
        "method": method,
        "n": len(d) - zeros,
        "zeros": zeros,
    }
    return case


def distinct(rng, size, scale=1.0, loc=0.0):
    # Rounded to 6 decimals (readable fixture) and redrawn until no magnitude repeats or is 0.
    while True:
        v = np.round(rng.normal(loc, scale, size=size), 6)
        if np.all(v != 0) and len(np.unique(np.abs(v))) == size:
            return v


def wilcoxon_cases(rng):
    cases = []
    w = wilcoxon_reference
    # exact: no ties, no zeros, at most 50 differences.
    cases.append(w("exact-n10", distinct(rng, 10, loc=0.3)))
    cases.append(w("exact-n13", distinct(rng, 13, loc=0.5)))
    cases.append(w("exact-n14", distinct(rng, 14, loc=0.5)))
    cases.append(w("exact-n20-paired", np.round(rng.normal(0.8, 0.05, size=20), 6), np.round(rng.normal(0.78, 0.05, size=20), 6)))
    cases.append(w("exact-n50-boundary", distinct(rng, 50, loc=0.2)))
    cases.append(w("exact-all-positive-n8", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]))
    cases.append(w("exact-all-negative-n30", -np.arange(1, 31) / 7.0))
    cases.append(w("exact-all-positive-n50", np.arange(1, 51) / 3.0))
    cases.append(w("exact-centre-of-distribution", [1, -2, -3, 4]))
    cases.append(w("exact-centre-odd-total", [1, 2, -3]))
    cases.append(w("exact-single-difference", [1.5]))
    cases.append(w("exact-single-negative", [-0.25]))
    cases.append(w("exact-two-differences", [1.0, -2.0]))

    # permutation: ties or zeros, at most 13 differences (zeros included).
    cases.append(w("permutation-five-positive-one-zero", [1, 2, 3, 4, 5, 0]))
    cases.append(w("permutation-ties-no-zeros", [1, 2, 2, -3, 4, 5, -5, 6]))
    cases.append(w("permutation-ties-half-rank", [0.5, -0.5, 1, 1, 1, 2, -3, 4, 4, 7]))
    cases.append(w("permutation-zeros-n12", [0, 1.5, -0.5, 2, 3, 0, 4, -1, 2.5, 5, 6, 0.25]))
    cases.append(w("permutation-zeros-and-ties-small", [0, 1, 1, -1, 2, 0, 2, 3]))
    cases.append(w("permutation-zero-no-ties-n13", [0, 1, -2, 3, 4, 5, -6, 7, 8, 9, 10, 11, 12]))
    cases.append(w("permutation-ties-n13", [1, 1, 2, 3, 3, 3, -4, 5, 6, 7, 7, 8, 9]))
    cases.append(w("permutation-paired-with-zeros",
                   [0.9, 0.8, 0.85, 0.7, 0.95, 0.6, 0.75],
                   [0.9, 0.7, 0.80, 0.7, 0.90, 0.65, 0.70]))
    cases.append(w("permutation-all-tied-magnitudes", [1, -1, 1, 1, 0, -1, 1, 1, 1, -1, 1, 1]))
    cases.append(w("permutation-one-nonzero-among-zeros", [0, 0, 0, 2.5, 0]))
    # Ties decided by IEEE subtraction: 0.3 − 0.1 and 0.7 − 0.5 differ in the last bit (no tie),
    # while |0.65 − 0.8| and 0.45 − 0.3 are the same double (a tie), so this is a permutation test.
    cases.append(w("permutation-paired-float-rounding", [0.3, 0.7, 0.9, 0.65, 0.45], [0.1, 0.5, 0.6, 0.8, 0.3]))
    cases.append(w("permutation-integer-ties", rng.integers(-3, 4, size=11).astype(float)))

    # asymptotic: ties or zeros with 14 to 50 differences, or more than 50 differences.
    cases.append(w("asymptotic-zero-no-ties-n14", [0, 1, -2, 3, 4, 5, -6, 7, 8, 9, 10, 11, 12, 13]))
    cases.append(w("asymptotic-ties-n14", [1, 1, 2, 3, 3, 3, -4, 5, 6, 7, 7, 8, 9, 10]))
    cases.append(w("asymptotic-ties-and-zeros-n30", rng.integers(-4, 5, size=30).astype(float)))
    cases.append(w("asymptotic-ties-n50-boundary", np.round(rng.normal(0.3, 1.0, size=50), 1)))
    cases.append(w("asymptotic-all-tied-magnitudes-n20", [1, -1, 1, 1, 1, -1, 1, 1, 1, -1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1]))
    cases.append(w("asymptotic-n51-boundary", distinct(rng, 51, loc=0.2)))
    cases.append(w("asymptotic-n80-no-ties", rng.normal(0.1, 1.0, size=80)))
    cases.append(w("asymptotic-n120-ties", np.round(rng.normal(0.1, 1.0, size=120), 1)))
    cases.append(w("asymptotic-n200-ties-and-zeros", rng.integers(-3, 4, size=200).astype(float)))
    cases.append(w("asymptotic-strong-effect", rng.normal(3.0, 1.0, size=300)))

    # Inputs the engine rejects.
    cases.append(w("all-zero-paired", [0.5, 0.25, 0.75], [0.5, 0.25, 0.75]))
    cases.append(w("all-zero-n60", [0.0] * 60))
    cases.append(w("empty", []))
    return cases


def normal_sf_cases():
    z = [0.0, 1e-9, 0.1, 0.5, 1.0, 1.4142135623730951, 1.959963984540054, 2.5, 3.0, 4.0, 5.5, 8.0, 10.0, 15.0, 25.0, 37.5]
    return [{"z": v, "sf": float(stats.norm.sf(v))} for v in z]


SCALAR = r'(?:-?[0-9][0-9.eE+-]*|true|false|"[^"\\\n]*")'
SCALAR_LIST = re.compile(r"\[\n\s*(" + SCALAR + r"(?:,\n\s*" + SCALAR + r")*)\n\s*\]")


def compact_scalar_lists(text):
    # One line per list of numbers, booleans or plain strings: a readable file with short diffs.
    return SCALAR_LIST.sub(lambda m: "[" + ", ".join(part.strip() for part in m.group(1).split(",\n")) + "]", text)


def main():
    major, minor = (int(part) for part in scipy.__version__.split(".")[:2])
    if (major, minor) < (1, 15):
        raise SystemExit(f"SciPy {scipy.__version__}: the reference needs 1.15 or later (its 'auto' rule)")
    rng = np.random.default_rng(20250301)
    reference = {
        "generatedBy": "scripts/reference/wilcoxon_reference.py",
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "defaults": "zero_method='wilcox', correction=False, alternative='two-sided', method='auto'",
        "wilcoxon": wilcoxon_cases(rng),
        "normalSf": normal_sf_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(compact_scalar_lists(json.dumps(reference, indent=1)) + "\n")
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
