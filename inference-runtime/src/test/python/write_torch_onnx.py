"""Exports a small PyTorch network with torch.onnx.export, as users do (dynamic batch axis, named tensors), into
OUT/torch-mlp/model.onnx with its probe rows (rows.json). Runs under Debian's python3 with python3-torch;
onnxruntime_answers.py records onnxruntime's own answers.
"""
import json
import os
import sys

import torch


def main(out):
    torch.manual_seed(5)
    model = torch.nn.Sequential(torch.nn.Linear(6, 16), torch.nn.Tanh(), torch.nn.Linear(16, 16), torch.nn.ReLU(),
                                torch.nn.Linear(16, 3), torch.nn.Softmax(dim=1)).eval()
    folder = os.path.join(out, "torch-mlp")
    os.makedirs(folder, exist_ok=True)
    torch.onnx.export(model, torch.zeros(1, 6), os.path.join(folder, "model.onnx"), input_names=["input"],
                      output_names=["probabilities"], dynamic_axes={"input": {0: "batch"}, "probabilities": {0: "batch"}},
                      opset_version=13)
    rows = torch.randn(8, 6) * 2
    with open(os.path.join(folder, "rows.json"), "w") as f:
        json.dump({"input": "input", "shape": list(rows.shape), "data": [float(v) for v in rows.reshape(-1)]}, f)
    print(f"exported the MLP with torch {torch.__version__} to {folder}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
