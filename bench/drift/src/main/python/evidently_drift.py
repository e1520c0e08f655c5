#!/usr/bin/env python3
"""Runs Evidently's DataDriftPreset (with its defaults) on tables written by drift_tables.py and prints one JSON line per
table: each column's test, score, threshold and verdict, the dataset verdict, the seconds Report.run took (reading
the files not counted) and this process's peak RSS so far.

    evidently_drift.py TABLE_DIR...

Evidently 0.7.23's legacy Report API (evidently.legacy), whose per-column results are what the operator's tests
reproduce; run in a venv with evidently==0.7.23 pandas==2.2.3 (0.7.23 does not import under pandas 3).
"""
import json
import os
import resource
import sys
import time

import numpy as np
import pandas as pd
from evidently.legacy.metric_preset import DataDriftPreset
from evidently.legacy.pipeline.column_mapping import ColumnMapping
from evidently.legacy.report import Report


def frame(directory, part, meta):
    rows = meta[part]
    values = np.fromfile(os.path.join(directory, part + ".f32"), dtype="<f4")
    columns = {}
    for i, column in enumerate(meta["columns"]):
        data = values[i * rows:(i + 1) * rows].astype(np.float64)
        columns[column["name"]] = data.astype(np.int64) if column["type"] == "categorical" else data
    return pd.DataFrame(columns)


def judge(directory):
    with open(os.path.join(directory, "table.json")) as f:
        meta = json.load(f)
    reference = frame(directory, "reference", meta)
    current = frame(directory, "current", meta)
    mapping = ColumnMapping(
        numerical_features=[c["name"] for c in meta["columns"] if c["type"] == "numeric"],
        categorical_features=[c["name"] for c in meta["columns"] if c["type"] == "categorical"],
        target=None, prediction=None)
    start = time.perf_counter()
    report = Report(metrics=[DataDriftPreset()])
    report.run(reference_data=reference, current_data=current, column_mapping=mapping)
    result = report.as_dict()
    seconds = time.perf_counter() - start
    dataset, table = None, None
    for metric in result["metrics"]:
        if metric["metric"] == "DatasetDriftMetric":
            dataset = metric["result"]
        elif metric["metric"] == "DataDriftTable":
            table = metric["result"]
    columns = {name: {"test": c["stattest_name"], "score": float(c["drift_score"]),
                      "threshold": float(c["stattest_threshold"]), "drifted": bool(c["drift_detected"])}
               for name, c in table["drift_by_columns"].items()}
    return {"name": meta["name"], "evidently": "0.7.23", "columns": columns,
            "share": float(dataset["share_of_drifted_columns"]), "drifted": bool(dataset["dataset_drift"]),
            "seconds": seconds, "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for directory in sys.argv[1:]:
        print(json.dumps(judge(directory)), flush=True)


if __name__ == "__main__":
    main()
