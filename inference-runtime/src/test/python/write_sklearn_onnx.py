"""Converts small scikit-learn pipelines to ONNX with skl2onnx, as users do, into OUT/<case>/model.onnx, with the
probe rows they are asked (OUT/<case>/rows.json). onnxruntime_answers.py records onnxruntime's own answers.

Cases: a classifier pipeline (StandardScaler + LogisticRegression) converted with zipmap=False (label + probability
tensors), a regression pipeline (StandardScaler + GradientBoostingRegressor), and the classifier converted with
skl2onnx's defaults, whose probabilities come out as a sequence of maps (ZipMap), not a tensor.
"""
import json
import os
import sys

import numpy as np
from skl2onnx import to_onnx
from skl2onnx.common.data_types import FloatTensorType
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def write(out, case, onnx_model, rows):
    folder = os.path.join(out, case)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "model.onnx"), "wb") as f:
        f.write(onnx_model.SerializeToString())
    with open(os.path.join(folder, "rows.json"), "w") as f:
        json.dump({"input": "input", "shape": list(rows.shape), "data": [float(v) for v in rows.reshape(-1)]}, f)


def main(out):
    rng = np.random.default_rng(11)
    x = rng.normal(size=(300, 5)).astype(np.float32) * np.array([1, 10, 100, 0.1, 3], dtype=np.float32)
    classes = (x[:, 0] + x[:, 1] / 10 > 0.3).astype(np.int64) + (x[:, 2] > 50).astype(np.int64)
    target = 3 * x[:, 0] - x[:, 1] / 5 + np.sin(x[:, 3] * 10) + x[:, 4] ** 2
    rows = x[:8]

    # A named input with a free batch size, as a served model wants it (skl2onnx would call it "X", batch 1).
    inputs = [("input", FloatTensorType([None, x.shape[1]]))]
    classifier = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)).fit(x, classes)
    write(out, "sklearn-classifier", to_onnx(classifier, initial_types=inputs, options={"zipmap": False},
                                             target_opset=17), rows)
    regressor = make_pipeline(StandardScaler(), GradientBoostingRegressor(n_estimators=40, max_depth=3,
                                                                          random_state=0)).fit(x, target)
    write(out, "sklearn-regressor", to_onnx(regressor, initial_types=inputs, target_opset=17), rows)
    write(out, "sklearn-zipmap", to_onnx(classifier, initial_types=inputs, target_opset=17), rows)
    print(f"wrote 3 scikit-learn ONNX models to {out}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
