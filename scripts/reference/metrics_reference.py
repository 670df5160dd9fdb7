#!/usr/bin/env python3
"""Reference values for the engine's detection metrics (src/engine/metrics), from scikit-learn
and NumPy.

Writes test/fixtures/metrics/reference.json: fixed inputs, the values scikit-learn / NumPy give
for them, and the library versions used. The TypeScript tests read that file, so they need no
Python; rerun this script only to regenerate it (for instance after a scikit-learn upgrade):

    python3 scripts/reference/metrics_reference.py

It needs numpy, scipy and scikit-learn (on Debian: python3-numpy, python3-scipy,
python3-sklearn; the checked-in file came from Debian 12's). Every input is either written out
by hand or drawn from a seeded generator, so the output is the same on every run with the same
library versions. The Wilcoxon test and the normal tail follow the current SciPy and have their
own generator, wilcoxon_reference.py, which needs no scikit-learn.

The top-k rule is re-implemented here independently of the TypeScript code: the k samples
with the highest scores are predicted anomalous, ties at the k-th score going to the lower
index (a stable sort by descending score). Precision and F1 of that prediction vector come
from sklearn.metrics.precision_score / f1_score.
"""

import json
import platform
import re
import sys
from pathlib import Path

import numpy as np
import scipy
import sklearn
from sklearn.metrics import average_precision_score, f1_score, precision_score, roc_auc_score

OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "metrics" / "reference.json"


def floats(values):
    return [float(v) for v in values]


def top_k_prediction(scores, k):
    # Stable argsort of the negated scores: descending score, equal scores keep index order.
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    predicted = np.zeros(len(scores), dtype=int)
    predicted[order[:k]] = 1
    return predicted


def binary_reference(name, scores, labels, extra_ks=()):
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels, dtype=bool)
    y = labels.astype(int)
    k = int(y.sum())
    predicted = top_k_prediction(scores, k)
    at_k = []
    for kk in extra_ks:
        p = top_k_prediction(scores, kk)
        at_k.append({
            "k": int(kk),
            "precisionAtK": float(precision_score(y, p)),
            "f1AtK": float(f1_score(y, p)),
        })
    return {
        "name": name,
        "scores": floats(scores),
        "isAnomaly": [bool(v) for v in labels],
        "expected": {
            "auroc": float(roc_auc_score(y, scores)),
            "ap": float(average_precision_score(y, scores)),
            "k": k,
            "precisionAtK": float(precision_score(y, predicted)),
            "f1AtK": float(f1_score(y, predicted)),
            "atK": at_k,
        },
    }


def binary_cases(rng):
    cases = []
    # Continuous scores, no ties: the ordinary case.
    n = 200
    labels = rng.random(n) < 0.3
    scores = rng.normal(size=n) + 1.0 * labels
    cases.append(binary_reference("gaussian-shift-200", scores, labels, extra_ks=(1, 10, 100, 200)))

    # Integer scores 0..4: large tie groups holding both classes.
    n = 300
    labels = rng.random(n) < 0.4
    scores = np.clip(np.round(rng.normal(loc=2 + 0.7 * labels, scale=1.0)), 0, 4)
    cases.append(binary_reference("integer-scores-many-ties", scores, labels, extra_ks=(5, 50)))

    # Scores rounded to two decimals: many small tie groups.
    n = 5000
    labels = rng.random(n) < 0.25
    scores = np.round(rng.normal(size=n) * 0.3 + 0.25 * labels, 2)
    cases.append(binary_reference("rounded-5000", scores, labels))

    # Values a Float32Array would hold (what a tfjs detector emits).
    n = 150
    labels = rng.random(n) < 0.5
    scores = (rng.random(n) + 0.3 * labels).astype(np.float32).astype(np.float64)
    cases.append(binary_reference("float32-values", scores, labels))

    # Hand-written edge cases.
    cases.append(binary_reference(
        "tied-across-classes",
        [0.9, 0.5, 0.5, 0.5, 0.1, 0.5, 0.7, 0.7, 0.2, 0.5],
        [True, True, False, True, False, False, True, False, False, False],
        extra_ks=(1, 2, 3, 5),
    ))
    cases.append(binary_reference("all-scores-equal", [0.25] * 8, [True, False, False, True, False, False, False, False],
                                  extra_ks=(1, 4)))
    cases.append(binary_reference("single-anomaly", [0.1, 0.4, 0.35, 0.8, 0.2, 0.6], [False, False, False, True, False, False]))
    cases.append(binary_reference("single-anomaly-tied-with-top", [0.8, 0.4, 0.8, 0.8, 0.2], [False, False, True, False, False]))
    cases.append(binary_reference("single-normal", [0.1, 0.4, 0.35, 0.8], [True, True, False, True]))
    cases.append(binary_reference("perfectly-separated", [5, 6, 7, 1, 2, 3, 4], [True, True, True, False, False, False, False]))
    cases.append(binary_reference("reversed", [1, 2, 3, 5, 6, 7, 8], [True, True, True, False, False, False, False]))
    cases.append(binary_reference("two-samples", [0.3, 0.7], [False, True]))
    cases.append(binary_reference("tie-straddles-k", [3, 2, 2, 2, 2, 1, 0], [False, False, True, True, False, True, False],
                                  extra_ks=(2, 4)))
    cases.append(binary_reference("negative-and-signed-zero", [-0.0, 0.0, -1.5, -1e-12, 2.5, 0.0, -3.0],
                                  [True, False, False, True, True, False, True]))
    cases.append(binary_reference("large-magnitudes", [1e12, 1e12 + 1, -1e12, 3e11, 1e-300, 7.5e11],
                                  [True, True, False, False, False, True]))
    return cases


def detection_reference(name, scores, sample_type):
    scores = np.asarray(scores, dtype=np.float64)
    sample_type = np.asarray(sample_type, dtype=object)
    is_normal = sample_type == "normal"
    expected = {}
    types = []
    for t in sample_type:
        if t != "normal" and t not in types:
            types.append(t)
    for t in types:
        mask = is_normal | (sample_type == t)
        expected[t] = binary_reference(t, scores[mask], ~is_normal[mask])["expected"]
    expected["all"] = binary_reference("all", scores, ~is_normal)["expected"]
    compact = {key: {m: value[m] for m in ("auroc", "ap", "f1AtK", "precisionAtK")} for key, value in expected.items()}
    return {"name": name, "scores": floats(scores), "sampleType": [str(t) for t in sample_type], "expected": compact}


def detection_cases(rng):
    cases = []
    # The synthetic testbed's layout: 25 % normal, three anomaly types of different difficulty.
    n_normal = 60
    types = ["normal"] * n_normal + ["flip"] * n_normal + ["cutout"] * n_normal + ["invert"] * n_normal
    shift = {"normal": 0.0, "flip": 0.2, "cutout": 1.0, "invert": 3.0}
    scores = np.array([rng.normal() + shift[t] for t in types])
    perm = rng.permutation(len(types))
    cases.append(detection_reference("synthetic-testbed", scores[perm], [types[i] for i in perm]))

    # Integer scores: ties within and across the per-type subsets (and at their k-th scores).
    types = [str(t) for t in rng.choice(["normal", "normal", "3", "7", "a b"], size=120)]
    scores = rng.integers(0, 6, size=120) + np.array([0 if t == "normal" else 1 for t in types])
    cases.append(detection_reference("integer-scores-semantic-names", scores, types))
    return cases


def mean_std_cases(rng):
    cases = []
    inputs = [
        ("single-value", [0.8125]),
        ("two-values", [0.5, 0.75]),
        ("five-seeds", [0.91, 0.87, 0.935, 0.902, 0.889]),
        ("constant", [0.7, 0.7, 0.7]),
        ("near-one", [0.999999, 0.9999991, 0.9999993, 0.9999989]),
        ("seeded-100", floats(rng.random(100))),
        ("negative-and-large", [-1e6, 2e6, 3.5, -4.25]),
    ]
    for name, values in inputs:
        v = np.asarray(values, dtype=np.float64)
        # NumPy gives NaN for the sample std of one value; the engine documents 0 there.
        std = float(np.std(v, ddof=1)) if len(v) > 1 else 0.0
        cases.append({"name": name, "values": floats(v), "expected": {"mean": float(np.mean(v)), "std": std}})
    return cases


SCALAR = r'(?:-?[0-9][0-9.eE+-]*|true|false|"[^"\\\n]*")'
SCALAR_LIST = re.compile(r"\[\n\s*(" + SCALAR + r"(?:,\n\s*" + SCALAR + r")*)\n\s*\]")


def compact_scalar_lists(text):
    # One line per list of numbers, booleans or plain strings: a readable file with short diffs.
    return SCALAR_LIST.sub(lambda m: "[" + ", ".join(part.strip() for part in m.group(1).split(",\n")) + "]", text)


def main():
    rng = np.random.default_rng(20230817)
    reference = {
        "generatedBy": "scripts/reference/metrics_reference.py",
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "sklearn": sklearn.__version__,
        },
        "topKRule": "top k by descending score; ties at the k-th score go to the lower index (stable sort)",
        "binary": binary_cases(rng),
        "detection": detection_cases(rng),
        "meanStd": mean_std_cases(rng),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(compact_scalar_lists(json.dumps(reference, indent=1)) + "\n")
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
