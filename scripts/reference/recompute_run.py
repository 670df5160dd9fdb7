#!/usr/bin/env python3
"""Recomputes every AUROC of a run folder from its per-sample scores with scikit-learn, and
compares with results.json. Independent of the engine: run it with Debian's /usr/bin/python3
(python3-sklearn), e.g.  /usr/bin/python3 scripts/reference/recompute_run.py .ssad/runs/<id>
Exit 0 when every value matches to 1e-9, 1 otherwise."""
import json
import os
import sys

from sklearn.metrics import roc_auc_score


def main(run_dir: str) -> int:
    with open(os.path.join(run_dir, "results.json")) as f:
        results = json.load(f)
    checked = 0
    worst = 0.0
    for cell in results["cells"]:
        if cell.get("status") != "completed":
            continue
        with open(os.path.join(run_dir, cell["scoresFile"])) as f:
            scores = json.load(f)
        types = scores["sampleType"]
        values = scores["score"]
        for anomaly_type, metrics in cell["metrics"].items():
            keep = [i for i, t in enumerate(types) if anomaly_type == "all" or t in ("normal", anomaly_type)]
            y = [types[i] != "normal" for i in keep]
            s = [values[i] for i in keep]
            expected = roc_auc_score(y, s)
            diff = abs(expected - metrics["auroc"])
            worst = max(worst, diff)
            checked += 1
            if diff > 1e-9:
                print(f"MISMATCH {cell['id']} {anomaly_type}: results.json {metrics['auroc']!r}, sklearn {expected!r}")
    print(f"{checked} AUROCs recomputed with scikit-learn; largest difference {worst:.3g}")
    return 0 if worst <= 1e-9 and checked > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
