#!/usr/bin/env python3
"""Recomputes a run folder's numbers independently of the engine and compares with results.json.

    python3 scripts/reference/recompute_run.py .ssad/runs/<id>

1. Every AUROC of every completed cell, from the per-sample scores (scores/<cellId>.json): with
   scikit-learn's roc_auc_score when it is installed, otherwise from SciPy's Mann-Whitney U
   (AUROC = U / (anomalies x normals), ties counted as halves: the same number).
2. Every summary entry: the mean AUROC, the paired differences with `none` (pairs as the engine
   forms them: seed x normal class per anomaly type; seed x class pair for the pooled one-vs-one
   entry of a semantic testbed), their mean, and the Wilcoxon signed-rank test with
   scipy.stats.wilcoxon's defaults (zero_method='wilcox', correction=False,
   alternative='two-sided', method='auto'). The engine follows SciPy 1.15 and later, so the test
   is compared only under such a SciPy, and only for entries that record their `pairing` (files
   written before then followed SciPy 1.10's rules). The pairs use results.json's cell AUROCs,
   so that step checks the statistics alone (step 1 checks the AUROCs).
3. The bootstrap interval of each mean difference, against NumPy's own percentile bootstrap with
   as many resamples: a different random stream, so the endpoints agree only to Monte Carlo
   error. Reported, never failed on.

Needs numpy and SciPy (1.15 or later for the Wilcoxon comparison); scikit-learn is optional.
Exit 0 when every compared value matches to 1e-9, 1 otherwise.
"""
import json
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import stats

try:
    from sklearn.metrics import roc_auc_score
except ImportError:  # scikit-learn is optional: the Mann-Whitney U gives the same number.
    roc_auc_score = None

TOLERANCE = 1e-9
BASELINE = "none"
ONE_VS_ONE = "one-vs-one"
PAIRING_TASK = "seed × normal class"
PAIRING_CLASS_PAIR = "seed × class pair"


def auroc(is_anomaly, scores):
    if roc_auc_score is not None:
        return float(roc_auc_score(is_anomaly, scores))
    scores = np.asarray(scores, dtype=np.float64)
    is_anomaly = np.asarray(is_anomaly, dtype=bool)
    u = stats.mannwhitneyu(scores[is_anomaly], scores[~is_anomaly], alternative="two-sided").statistic
    return float(u) / (is_anomaly.sum() * (~is_anomaly).sum())


def scipy_is_current():
    major, minor = (int(part) for part in scipy.__version__.split(".")[:2])
    return (major, minor) >= (1, 15)


def auto_method(d):
    """SciPy's method='auto' rule (1.15 and later), as its source states it."""
    nonzero = d[d != 0]
    ties = len(np.unique(np.abs(nonzero))) < len(nonzero)
    if len(d) > 50:
        return "asymptotic"
    if not ties and len(nonzero) == len(d):
        return "exact"
    return "permutation" if len(d) <= 13 else "asymptotic"


def close(a, b):
    return abs(a - b) <= TOLERANCE * max(1.0, abs(b))


class Report:
    def __init__(self):
        self.mismatches = 0
        self.checked = 0

    def compare(self, what, ours, theirs):
        self.checked += 1
        exact = isinstance(theirs, str) or (isinstance(theirs, int) and isinstance(ours, int))
        same = ours == theirs if exact else close(float(ours), float(theirs))
        if not same:
            self.mismatches += 1
            print(f"MISMATCH {what}: results.json {ours!r}, recomputed {theirs!r}")


def check_aurocs(run_dir, results, report):
    worst = 0.0
    checked = 0
    for cell in results["cells"]:
        if cell.get("status") != "completed":
            continue
        with open(os.path.join(run_dir, cell["scoresFile"])) as f:
            scores = json.load(f)
        types = scores["sampleType"]
        values = scores["score"]
        for anomaly_type, metrics in cell["metrics"].items():
            keep = [i for i, t in enumerate(types) if anomaly_type == "all" or t in ("normal", anomaly_type)]
            expected = auroc([types[i] != "normal" for i in keep], [values[i] for i in keep])
            worst = max(worst, abs(expected - metrics["auroc"]))
            checked += 1
            report.compare(f"{cell['id']} {anomaly_type} AUROC", metrics["auroc"], expected)
    source = "scikit-learn" if roc_auc_score is not None else f"SciPy {scipy.__version__} Mann-Whitney U"
    print(f"{checked} AUROCs recomputed with {source}; largest difference {worst:.3g}")
    return checked


def samples(cells, anomaly_type, pooled):
    """(pair key, AUROC) of each task of an entry, keyed as the engine pairs them."""
    out = []
    for c in cells:
        metrics = c["metrics"]
        if pooled:
            out += [((c["seed"], c["normalClass"], t), m["auroc"]) for t, m in metrics.items() if t != "all"]
        elif anomaly_type in metrics:
            out.append(((c["seed"], c["normalClass"]), metrics[anomaly_type]["auroc"]))
    return out


def bootstrap_interval(differences, level, resamples):
    rng = np.random.default_rng(0)
    means = rng.choice(differences, size=(resamples, len(differences)), replace=True).mean(axis=1)
    tail = (1 - level) / 2
    return np.percentile(means, [100 * tail, 100 * (1 - tail)])


def check_summary(results, report):
    done = [c for c in results["cells"] if c.get("status") == "completed" and c.get("metrics")]
    anomaly_types = results["anomalyTypes"]
    semantic = results["config"].get("testbed", {}).get("type") == "semantic"
    current = scipy_is_current()
    tested = skipped_old = 0
    worst_ci = 0.0
    for entry in results["summary"]:
        aug, anomaly_type = entry["augmentation"], entry["anomalyType"]
        pooled = semantic and anomaly_type == ONE_VS_ONE and ONE_VS_ONE not in anomaly_types
        where = f"summary {aug} × {anomaly_type}"
        mine = samples([c for c in done if c["augmentation"] == aug], anomaly_type, pooled)
        report.compare(f"{where} mean AUROC", entry["metrics"]["auroc"]["mean"], float(np.mean([v for _, v in mine])))
        if "pairing" in entry:
            report.compare(f"{where} pairing", entry["pairing"], PAIRING_CLASS_PAIR if pooled else PAIRING_TASK)
        if aug == BASELINE:
            continue
        baseline = dict(samples([c for c in done if c["augmentation"] == BASELINE], anomaly_type, pooled))
        pairs = [(v, baseline[k]) for k, v in mine if k in baseline]
        if "pairs" in entry:
            report.compare(f"{where} pairs", entry["pairs"], len(pairs))
        if not pairs:
            continue
        x = np.array([a for a, _ in pairs])
        y = np.array([b for _, b in pairs])
        d = x - y
        report.compare(f"{where} mean Δ", entry["deltaAurocVsNone"]["mean"], float(np.mean(d)))
        ci = entry.get("deltaCi")
        if ci:
            low, high = bootstrap_interval(d, ci["level"], ci["resamples"])
            worst_ci = max(worst_ci, abs(ci["low"] - low), abs(ci["high"] - high))
        w = entry.get("wilcoxonVsNone")
        if not w:
            continue
        if not current or "pairing" not in entry:
            skipped_old += 1
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = stats.wilcoxon(x, y)
        tested += 1
        report.compare(f"{where} Wilcoxon p", w["pValue"], float(expected.pvalue))
        report.compare(f"{where} Wilcoxon statistic", w["statistic"], float(expected.statistic))
        report.compare(f"{where} Wilcoxon method", w["method"], auto_method(d))
        report.compare(f"{where} Wilcoxon n", w["n"], int(np.sum(d != 0)))
    print(f"{len(results['summary'])} summary entries checked; {tested} Wilcoxon tests recomputed with SciPy {scipy.__version__}")
    if not current:
        print(f"SciPy {scipy.__version__} predates the engine's Wilcoxon rules (SciPy 1.15 and later): the tests were not compared")
    if skipped_old:
        print(f"{skipped_old} tests written before the SciPy 1.15 rules (no `pairing` recorded) were not compared")
    if worst_ci:
        print(f"bootstrap intervals: largest endpoint difference from NumPy's own bootstrap {worst_ci:.3g} (Monte Carlo error, not checked)")


def main(run_dir: str) -> int:
    with open(os.path.join(run_dir, "results.json")) as f:
        results = json.load(f)
    report = Report()
    aurocs = check_aurocs(run_dir, results, report)
    check_summary(results, report)
    print(f"{report.checked} values compared, {report.mismatches} mismatches (tolerance {TOLERANCE})")
    return 0 if report.mismatches == 0 and aurocs > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
