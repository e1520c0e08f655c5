#!/usr/bin/env python3
"""Writes evidently-cases.json: generated reference/current columns and what Evidently 0.7.23's stattests answer for
them (its default choice for the column, and every test that applies), for operator/.../drift/EvidentlyCasesTest.

Run in a venv with `pip install evidently==0.7.23 pandas==2.2.3` (Evidently 0.7.23 does not import under pandas 3):
    python evidently-cases.py > evidently-cases.json
Missing values are dropped before a test, as Evidently's column drift does; the JSON holds the columns as generated.
"""
import json
import math

import numpy as np
import pandas as pd
from evidently.legacy.calculations.stattests import registry
from evidently.legacy.core import ColumnType

rng = np.random.default_rng(2026)


def rounded(values):
    return [None if math.isnan(v) else round(float(v), 3) for v in values]


def numeric(name, reference, current):
    return {"name": name, "type": "numeric", "reference": rounded(reference), "current": rounded(current)}


def categorical(name, reference, current):
    return {"name": name, "type": "categorical", "reference": [str(v) for v in reference],
            "current": [str(v) for v in current]}


with_missing = rng.normal(10, 2, 700)
with_missing[rng.choice(700, 70, replace=False)] = np.nan
cases = [
    numeric("normal-same-small", rng.normal(0, 1, 500), rng.normal(0, 1, 800)),
    numeric("normal-mean-shift-small", rng.normal(0, 1, 500), rng.normal(0.5, 1, 800)),
    numeric("normal-slight-shift-small", rng.normal(0, 1, 600), rng.normal(0.08, 1, 900)),
    numeric("normal-same-large", rng.normal(5, 2, 1500), rng.normal(5, 2, 2000)),
    numeric("normal-mean-shift-large", rng.normal(5, 2, 1500), rng.normal(5.6, 2, 2000)),
    numeric("normal-scale-large", rng.normal(0, 1, 1500), rng.normal(0, 1.5, 2000)),
    numeric("lognormal-shape-large", rng.normal(1, 0.5, 1500), rng.lognormal(0, 0.5, 2000)),
    numeric("integers-ties-large", rng.integers(0, 10, 2000), rng.integers(0, 12, 2500)),
    numeric("integers-ties-small", rng.integers(0, 30, 800), rng.integers(0, 30, 1000)),
    numeric("constant-large", np.full(1500, 3.0), np.full(1200, 3.0)),
    numeric("constant-small", np.full(400, 3.0), np.full(500, 3.0)),
    numeric("three-values-small", rng.choice([0, 1, 2], 800, p=[0.5, 0.3, 0.2]),
            rng.choice([0, 1, 2], 900, p=[0.3, 0.3, 0.4])),
    numeric("binary-small", rng.choice([0, 1], 800, p=[0.7, 0.3]), rng.choice([0, 1], 900, p=[0.6, 0.4])),
    numeric("with-missing-small", with_missing, rng.normal(10.3, 2, 900)),
    categorical("plan-same-small", rng.choice(["basic", "plus", "pro"], 500, p=[0.5, 0.3, 0.2]),
                rng.choice(["basic", "plus", "pro"], 700, p=[0.5, 0.3, 0.2])),
    categorical("plan-new-category-small", rng.choice(["basic", "plus", "pro"], 500, p=[0.5, 0.3, 0.2]),
                rng.choice(["basic", "plus", "pro", "team"], 700, p=[0.4, 0.3, 0.2, 0.1])),
    categorical("plan-shift-large", rng.choice(["basic", "plus", "pro"], 3000, p=[0.5, 0.3, 0.2]),
                rng.choice(["basic", "plus", "pro"], 3000, p=[0.4, 0.3, 0.3])),
    categorical("plan-same-large", rng.choice(list("abcdefgh"), 2000), rng.choice(list("abcdefgh"), 2500)),
    categorical("yes-no-small", rng.choice(["no", "yes"], 600, p=[0.8, 0.2]),
                rng.choice(["no", "yes"], 600, p=[0.7, 0.3])),
]

NUMERIC = ["ks", "wasserstein", "psi", "jensenshannon"]
CATEGORICAL = ["chisquare", "jensenshannon", "psi"]


def run(test, reference, current, kind):
    result = test(reference, current, kind, None)
    return {"score": float(result.drift_score), "threshold": float(result.actual_threshold),
            "drifted": bool(result.drifted)}


for case in cases:
    kind = ColumnType.Numerical if case["type"] == "numeric" else ColumnType.Categorical
    if kind == ColumnType.Numerical:
        reference = pd.Series([v for v in case["reference"] if v is not None], dtype=float)
        current = pd.Series([v for v in case["current"] if v is not None], dtype=float)
    else:
        reference = pd.Series(case["reference"])
        current = pd.Series(case["current"])
    # Evidently's own choice may be a test it does not offer by name for numbers (chisquare, z for few values).
    chosen = registry.get_stattest(reference, current, kind, None)
    case["auto"] = chosen.name
    case["results"] = {chosen.name: run(chosen, reference, current, kind)}
    names = NUMERIC if kind == ColumnType.Numerical else CATEGORICAL + (["z"] if pd.concat(
        [reference, current]).nunique() <= 2 else [])
    for name in names:
        case["results"][name] = run(registry.get_stattest(reference, current, kind, name), reference, current, kind)
print(json.dumps({"evidently": "0.7.23", "cases": cases}))
