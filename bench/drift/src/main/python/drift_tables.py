#!/usr/bin/env python3
"""Writes the tables that the drift interop test and make bench-drift give both to Evidently and to mlcycle's drift path.

A table is a directory holding table.json ({"name", "reference": rows, "current": rows, "columns": [{"name", "type"}]})
and reference.f32 / current.f32: the columns one after another (column-major), little-endian FP32, as the model's
input tensor carries them; NaN is a missing value, a categorical column holds its category codes 0, 1, ...

    drift_tables.py interop OUT          the interop cases, one directory each
    drift_tables.py bench OUT [ROWS]     ROWS (1,000,000) reference and current rows of 20 numeric features, 5 of them
                                         shifted by 0.3 standard deviations
"""
import json
import os
import sys

import numpy as np

rng = np.random.default_rng(20261202)


def write(directory, name, reference, current, types):
    """reference / current: dicts of column name -> values, in the same column order as types."""
    os.makedirs(directory, exist_ok=True)
    names = list(types)
    for part, columns in (("reference", reference), ("current", current)):
        with open(os.path.join(directory, part + ".f32"), "wb") as out:
            for column in names:
                np.asarray(columns[column], dtype="<f4").tofile(out)
    meta = {"name": name, "reference": len(reference[names[0]]), "current": len(current[names[0]]),
            "columns": [{"name": column, "type": types[column]} for column in names]}
    with open(os.path.join(directory, "table.json"), "w") as out:
        json.dump(meta, out, indent=1)


def with_missing(values, share):
    values = np.asarray(values, dtype=float).copy()
    values[rng.choice(len(values), int(len(values) * share), replace=False)] = np.nan
    return values


def codes(n, p):
    return rng.choice(len(p), n, p=p)


def interop_cases():
    """Each case a dataset: numeric and categorical columns, some drifting, judged as DataDriftPreset judges it."""
    cases = []
    r, c = 800, 900
    cases.append(("small-no-drift",
                  {"age": rng.normal(40, 12, r), "income": rng.lognormal(10, 0.5, r), "tenure": rng.integers(0, 60, r),
                   "plan": codes(r, [0.5, 0.3, 0.2]), "promo": codes(r, [0.7, 0.3])},
                  {"age": rng.normal(40, 12, c), "income": rng.lognormal(10, 0.5, c), "tenure": rng.integers(0, 60, c),
                   "plan": codes(c, [0.5, 0.3, 0.2]), "promo": codes(c, [0.7, 0.3])}))
    cases.append(("small-drift",
                  {"age": rng.normal(40, 12, r), "income": rng.lognormal(10, 0.5, r), "tenure": rng.integers(0, 60, r),
                   "plan": codes(r, [0.5, 0.3, 0.2]), "promo": codes(r, [0.7, 0.3])},
                  {"age": rng.normal(46, 12, c), "income": rng.lognormal(10, 0.8, c), "tenure": rng.integers(0, 60, c),
                   "plan": codes(c, [0.3, 0.3, 0.4]), "promo": codes(c, [0.5, 0.5])}))
    r, c = 5000, 4000
    cases.append(("large-no-drift",
                  {"x1": rng.normal(0, 1, r), "x2": rng.normal(100, 15, r), "x3": rng.exponential(2, r),
                   "x4": rng.integers(0, 12, r), "region": codes(r, [0.4, 0.3, 0.2, 0.1])},
                  {"x1": rng.normal(0, 1, c), "x2": rng.normal(100, 15, c), "x3": rng.exponential(2, c),
                   "x4": rng.integers(0, 12, c), "region": codes(c, [0.4, 0.3, 0.2, 0.1])}))
    cases.append(("large-drift",
                  {"x1": rng.normal(0, 1, r), "x2": rng.normal(100, 15, r), "x3": rng.exponential(2, r),
                   "x4": rng.integers(0, 12, r), "region": codes(r, [0.4, 0.3, 0.2, 0.1])},
                  {"x1": rng.normal(0.3, 1, c), "x2": rng.normal(100, 22, c), "x3": rng.lognormal(0.3, 0.9, c),
                   "x4": rng.integers(0, 12, c), "region": codes(c, [0.2, 0.3, 0.2, 0.3])}))
    r, c = 3000, 3000
    cases.append(("ties-constant-missing",
                  {"ties": rng.integers(0, 8, r), "constant": np.full(r, 3.0), "missing": with_missing(
                      rng.normal(10, 2, r), 0.1), "few": codes(r, [0.5, 0.3, 0.2]), "binary": codes(r, [0.8, 0.2])},
                  {"ties": rng.integers(0, 10, c), "constant": np.full(c, 3.0), "missing": with_missing(
                      rng.normal(10.8, 2, c), 0.25), "few": codes(c, [0.5, 0.3, 0.2]),
                   "binary": codes(c, [0.6, 0.4])}))
    r, c = 600, 700
    cases.append(("small-ties-missing",
                  {"ties": rng.integers(0, 20, r), "missing": with_missing(rng.normal(0, 1, r), 0.2),
                   "few": codes(r, [0.6, 0.4]), "shifted": rng.normal(5, 1, r)},
                  {"ties": rng.integers(0, 20, c), "missing": with_missing(rng.normal(0, 1, c), 0.1),
                   "few": codes(c, [0.6, 0.4]), "shifted": rng.normal(5.6, 1, c)}))
    categorical = {"plan", "promo", "region"}
    return [(name, ref, cur, {k: "categorical" if k in categorical else "numeric" for k in ref})
            for name, ref, cur in cases]


def bench_table(out, rows):
    features = 20
    means = rng.uniform(-50, 50, features)
    stds = rng.uniform(0.5, 20, features)
    shifted = set(range(0, features, 4))  # 5 of 20
    types = {f"f{i:02d}": "numeric" for i in range(features)}
    reference = {f"f{i:02d}": rng.normal(means[i], stds[i], rows) for i in range(features)}
    current = {f"f{i:02d}": rng.normal(means[i] + (0.3 * stds[i] if i in shifted else 0), stds[i], rows)
               for i in range(features)}
    write(out, f"bench-{rows}x{features}", reference, current, types)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("interop", "bench"):
        sys.exit(__doc__)
    if sys.argv[1] == "interop":
        for name, reference, current, types in interop_cases():
            write(os.path.join(sys.argv[2], name), name, reference, current, types)
    else:
        bench_table(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000)


if __name__ == "__main__":
    main()
