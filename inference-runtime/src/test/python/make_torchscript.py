"""Writes a TorchScript MLP with real PyTorch (Debian's python3-torch) and prints its own answers for probe rows.

Usage: make_torchscript.py OUT_DIR
Writes OUT_DIR/model/mlp.pt (torch.jit.script of a 4 -> 8 -> 3 MLP returning (logits, probabilities)) and
OUT_DIR/expected.json ({"probe": [[...]], "logits": [[...]], "probabilities": [[...]], "torch": version}).
"""
import json
import sys
from pathlib import Path

import torch


class Mlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = torch.nn.Linear(4, 8)
        self.out = torch.nn.Linear(8, 3)

    def forward(self, x: torch.Tensor):
        logits = self.out(torch.relu(self.hidden(x)))
        return logits, torch.softmax(logits, dim=1)


def main():
    out = Path(sys.argv[1])
    (out / "model").mkdir(parents=True, exist_ok=True)
    torch.manual_seed(5)
    model = Mlp().eval()
    scripted = torch.jit.script(model)
    scripted.save(str(out / "model" / "mlp.pt"))
    probe = torch.tensor([[0.5, -1.0, 2.0, 0.25], [1.5, 0.0, -0.5, -2.0]], dtype=torch.float32)
    with torch.no_grad():
        logits, probabilities = scripted(probe)
    (out / "expected.json").write_text(json.dumps({
        "torch": torch.__version__,
        "probe": probe.tolist(),
        "logits": logits.tolist(),
        "probabilities": probabilities.tolist(),
    }))
    print(f"wrote {out / 'model' / 'mlp.pt'} with torch {torch.__version__}")


if __name__ == "__main__":
    main()
