"""Runs every OUT/<case>/model.onnx on its rows.json with onnxruntime (the reference the runtime must match) and
writes OUT/<case>/expected.json: {"outputs": [{"name", "shape", "datatype", "data"}]} for the tensor outputs, and
"nonTensorOutputs": the names of outputs that are not tensors (e.g. skl2onnx's ZipMap)."""
import json
import os
import sys

import numpy as np
import onnxruntime as ort

DATATYPES = {"float32": "FP32", "float64": "FP64", "int64": "INT64", "int32": "INT32"}


def main(out):
    for case in sorted(os.listdir(out)):
        folder = os.path.join(out, case)
        with open(os.path.join(folder, "rows.json")) as f:
            rows = json.load(f)
        x = np.array(rows["data"], dtype=np.float32).reshape(rows["shape"])
        session = ort.InferenceSession(os.path.join(folder, "model.onnx"), providers=["CPUExecutionProvider"])
        names = [o.name for o in session.get_outputs()]
        results = session.run(None, {rows["input"]: x})
        outputs, others = [], []
        for name, value in zip(names, results):
            if isinstance(value, np.ndarray):
                outputs.append({"name": name, "shape": list(value.shape), "datatype": DATATYPES[value.dtype.name],
                                "data": [v.item() for v in value.reshape(-1)]})
            else:
                others.append(name)
        with open(os.path.join(folder, "expected.json"), "w") as f:
            json.dump({"onnxruntime": ort.__version__, "outputs": outputs, "nonTensorOutputs": others}, f)
    print(f"recorded onnxruntime {ort.__version__} answers in {out}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
