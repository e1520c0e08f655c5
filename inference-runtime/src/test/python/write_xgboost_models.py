"""Trains small XGBoost models with whatever xgboost this python has, saves each in every format that release
writes, and records xgboost's own predictions for probe rows, so the runtime can be checked against the writer.

OUT/<case>/model.json, model.ubj, model.bst (legacy binary, where the release still writes it), and
OUT/<case>/expected.json: {"xgboost": version, "objective", "features", "rows", "data" (row-major, NaN = missing),
"featureTypes", "predictions" (row-major), "shape", "formats": {"json": "model.json", ...},
"notWritten": {"bst": why}}, and OUT/<case>/mlcycle-model.json holding the probe rows as golden examples, made by
golden_examples() below, the same code the runtime's README gives users.
"""
import argparse
import json
import math
import os
import sys
import warnings

import numpy as np
import xgboost as xgb

VERSION = tuple(int(p) for p in xgb.__version__.split(".")[:2])
ROUNDS = 30


def regression(rng):
    # Targets around 1000: a base_score far from 0.5 is what XGBoost >= 3.1 writes as a vector.
    x = rng.normal(size=(400, 20)).astype(np.float32)
    y = 1000 + 40 * x[:, 0] - 25 * x[:, 1] + 10 * x[:, 2] * x[:, 3] + rng.normal(scale=5, size=400)
    params = {"objective": "reg:squarederror", "max_depth": 4}
    if VERSION < (2, 0):
        params["base_score"] = float(np.mean(y))  # 1.x does not estimate it and would start from 0.5
    return x, y, params, None


def binary_with_missing(rng):
    # Imbalanced (about 1 in 10 positive) with 15 % of the values missing, as NaN.
    x = rng.normal(size=(600, 6)).astype(np.float32)
    y = (x[:, 0] + 0.5 * x[:, 1] + rng.normal(scale=0.3, size=600) > 1.3).astype(np.float32)
    x[rng.random(size=x.shape) < 0.15] = np.nan
    return x, y, {"objective": "binary:logistic", "max_depth": 3}, None


def three_classes(objective):
    def make(rng):
        x = rng.normal(size=(450, 4)).astype(np.float32)
        y = np.where(x[:, 0] > 0.5, 2, np.where(x[:, 1] > 0, 1, 0)).astype(np.float32)
        return x, y, {"objective": objective, "num_class": 3, "max_depth": 3}, None
    return make


def poisson(rng):
    x = rng.normal(size=(500, 5)).astype(np.float32)
    y = rng.poisson(np.exp(0.8 + 0.6 * x[:, 0] - 0.4 * x[:, 1])).astype(np.float32)
    return x, y, {"objective": "count:poisson", "max_depth": 3}, None


def categorical(rng):
    # Feature 1 is a native categorical feature (codes 0..5): the trees split on category sets, not thresholds.
    x = rng.normal(size=(500, 3)).astype(np.float32)
    x[:, 1] = rng.integers(0, 6, size=500)
    effect = np.array([3.0, -2.0, 0.5, 1.5, -1.0, 0.0])
    y = effect[x[:, 1].astype(int)] + x[:, 0] + rng.normal(scale=0.2, size=500)
    params = {"objective": "reg:squarederror", "max_depth": 3, "tree_method": "hist", "max_cat_to_onehot": 1}
    return x, y, params, ["q", "c", "q"]


CASES = {
    "regression": regression,
    "binary-missing": binary_with_missing,
    "softprob": three_classes("multi:softprob"),
    "softmax": three_classes("multi:softmax"),
    "poisson": poisson,
    "categorical": categorical,
}


def matrix(x, y, feature_types):
    if feature_types is None:
        return xgb.DMatrix(x, label=y, missing=np.nan)
    return xgb.DMatrix(x, label=y, missing=np.nan, feature_types=feature_types, enable_categorical=True)


def probe_rows(x, rng):
    rows = x[:6].copy()
    if np.isnan(x).any():
        rows[0, :] = np.nan  # a row with every value missing still has an answer
    return rows


def save_all(booster, folder):
    formats, not_written = {}, {}
    booster.save_model(os.path.join(folder, "model.json"))
    formats["json"] = "model.json"
    booster.save_model(os.path.join(folder, "model.ubj"))
    formats["ubj"] = "model.ubj"
    # The legacy binary format: 1.x writes it for any other extension, 2.x for ".deprecated"; 3.x no longer can.
    legacy = "model.legacy" if VERSION < (2, 0) else "model.deprecated"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            booster.save_model(os.path.join(folder, legacy))
        with open(os.path.join(folder, legacy), "rb") as f:
            head = f.read(1)
        if head in (b"{", b"["):
            os.remove(os.path.join(folder, legacy))
            not_written["bst"] = "this release writes JSON or UBJSON for every extension"
        else:
            os.replace(os.path.join(folder, legacy), os.path.join(folder, "model.bst"))
            formats["bst"] = "model.bst"
    except Exception as e:  # noqa: BLE001 - the release's own refusal is what we record
        if os.path.exists(os.path.join(folder, legacy)):
            os.remove(os.path.join(folder, legacy))  # a refused write may leave a partial file
        not_written["bst"] = str(e).splitlines()[0][:200]
    return formats, not_written


def golden_examples(booster, rows, feature_types=None):
    """The manifest's "examples": rows and this XGBoost's own answers, which the runtime must reproduce."""
    dmatrix = xgb.DMatrix(rows, missing=np.nan, feature_types=feature_types,
                          enable_categorical=feature_types is not None)
    answers = np.asarray(booster.predict(dmatrix), dtype=np.float32)
    return {
        "tolerance": {"absolute": 1e-6, "relative": 1e-5},
        "inputs": [{"name": "input", "datatype": "FP32", "shape": list(rows.shape),
                    "data": [float(v) for v in rows.reshape(-1)]}],
        "outputs": [{"name": "output", "shape": list(answers.shape), "data": [float(v) for v in answers.reshape(-1)]}],
    }


def finite_or_none(values):
    return [None if math.isnan(v) else float(v) for v in values]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    args = parser.parse_args()
    for case, make in CASES.items():
        rng = np.random.default_rng(7)
        x, y, params, feature_types = make(rng)
        params = dict(params, seed=1, nthread=1)
        booster = xgb.train(params, matrix(x, y, feature_types), num_boost_round=ROUNDS)
        folder = os.path.join(args.out, case)
        os.makedirs(folder, exist_ok=True)
        formats, not_written = save_all(booster, folder)
        rows = probe_rows(x, rng)
        predictions = np.asarray(booster.predict(matrix(rows, None, feature_types)), dtype=np.float32)
        expected = {
            "xgboost": xgb.__version__,
            "objective": params["objective"],
            "features": int(x.shape[1]),
            "rows": int(rows.shape[0]),
            "data": finite_or_none(rows.reshape(-1)),
            "featureTypes": feature_types,
            "predictions": [float(v) for v in predictions.reshape(-1)],
            "shape": list(predictions.shape),
            "formats": formats,
            "notWritten": not_written,
        }
        with open(os.path.join(folder, "expected.json"), "w") as f:
            json.dump(expected, f)
        with open(os.path.join(folder, "mlcycle-model.json"), "w") as f:
            json.dump({"format": "xgboost", "examples": golden_examples(booster, rows, feature_types)}, f)
    print(f"wrote {len(CASES)} models with xgboost {xgb.__version__} to {args.out}")


if __name__ == "__main__":
    sys.exit(main())
