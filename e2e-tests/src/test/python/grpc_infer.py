"""One OIP gRPC inference with Triton's own Python client (tritonclient, from the runtime tests' virtualenv).

Usage: grpc_infer.py HOST:PORT MODEL ROWS_JSON
ROWS_JSON is a list of FP32 rows sent as input "input"; prints the "output" tensor as one JSON line.
"""
import json
import sys

import numpy as np
import tritonclient.grpc as grpcclient


def main():
    address, model, rows = sys.argv[1], sys.argv[2], np.array(json.loads(sys.argv[3]), dtype=np.float32)
    client = grpcclient.InferenceServerClient(url=address)
    if not client.is_server_ready() or not client.is_model_ready(model):
        raise SystemExit(f"{address}: server or model {model} not ready over gRPC")
    tensor = grpcclient.InferInput("input", list(rows.shape), "FP32")
    tensor.set_data_from_numpy(rows)
    result = client.infer(model, [tensor], client_timeout=30)
    print(json.dumps(result.as_numpy("output").tolist()))


if __name__ == "__main__":
    main()
