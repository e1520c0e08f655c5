"""Calls a running mlcycle runtime with Triton's own Python client (tritonclient 2.73.0), over REST and gRPC.

Checks health, metadata, inference (one batch, then concurrent single rows; REST with JSON and with the client's
default binary tensor data both ways) and error statuses, and prints each
transport's predictions as a JSON line ("REST [...]", "GRPC [...]") for the calling test to compare. Exits 0 only
when every check passed; the last line is then "INTEROP OK".
"""
import argparse
import json
import sys

import numpy as np
import tritonclient.grpc as grpcclient
import tritonclient.http as httpclient
from tritonclient.utils import InferenceServerException


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_error(call, fragment, what):
    try:
        call()
    except InferenceServerException as e:
        text = f"{e.status()} {e.message()}"
        check(fragment in text, f"{what}: expected '{fragment}' in the error, got: {text}")
        return text
    raise AssertionError(f"{what}: expected an error containing '{fragment}', the call succeeded")


def check_rest(url, model, version, rows, expected):
    client = httpclient.InferenceServerClient(url=url, concurrency=8)
    check(client.is_server_live(), "REST: server not live")
    check(client.is_server_ready(), "REST: server not ready")
    check(client.is_model_ready(model), "REST: model not ready")
    check(client.is_model_ready(model, version), "REST: model version not ready")
    check(client.get_server_metadata()["name"] == "mlcycle", "REST: server metadata")
    metadata = client.get_model_metadata(model)
    check(metadata["platform"] == "xgboost_json", f"REST: platform {metadata['platform']}")
    check(metadata["inputs"][0]["name"] == "input", f"REST: inputs {metadata['inputs']}")

    batch = httpclient.InferInput("input", list(rows.shape), "FP32")
    batch.set_data_from_numpy(rows, binary_data=False)
    result = client.infer(model, [batch], model_version=version, request_id="py-rest-1",
                          outputs=[httpclient.InferRequestedOutput("output", binary_data=False)])
    check(result.get_response()["id"] == "py-rest-1", "REST: request id not echoed")
    predictions = result.as_numpy("output")
    check(predictions.shape == (len(rows),), f"REST: output shape {predictions.shape}")
    check(np.allclose(predictions, expected, atol=1e-6), f"REST: {predictions} != {expected}")

    # Concurrent single rows, so the server's batcher merges them; each must still get its own row's answer.
    pending = []
    for i, row in enumerate(rows):
        single = httpclient.InferInput("input", [1, rows.shape[1]], "FP32")
        single.set_data_from_numpy(row.reshape(1, -1), binary_data=False)
        pending.append((i, client.async_infer(model, [single], outputs=[
            httpclient.InferRequestedOutput("output", binary_data=False)])))
    for i, request in pending:
        value = request.get_result().as_numpy("output")[0]
        check(abs(value - expected[i]) <= 1e-6, f"REST concurrent row {i}: {value} != {expected[i]}")

    # The client's defaults: binary tensor data both ways (Inference-Header-Content-Length), first with no outputs
    # named (the client then asks for every output as binary data), then naming it (binary_data defaults to True).
    default = httpclient.InferInput("input", list(rows.shape), "FP32")
    default.set_data_from_numpy(rows)
    for outputs in (None, [httpclient.InferRequestedOutput("output")]):
        result = client.infer(model, [default], outputs=outputs)
        output = result.get_output("output")
        check(output["parameters"]["binary_data_size"] == 4 * len(rows), f"REST binary: output {output}")
        binary = result.as_numpy("output")
        check(np.array_equal(binary, predictions), f"REST binary: {binary} != JSON's {predictions}")
    # Binary in, JSON out, and the reverse.
    result = client.infer(model, [default], outputs=[httpclient.InferRequestedOutput("output", binary_data=False)])
    check("data" in result.get_output("output"), "REST binary in, JSON out: no data array")
    check(np.array_equal(result.as_numpy("output"), predictions), "REST binary in, JSON out")
    result = client.infer(model, [batch], outputs=[httpclient.InferRequestedOutput("output", binary_data=True)])
    check(np.array_equal(result.as_numpy("output"), predictions), "REST JSON in, binary out")

    wrong = httpclient.InferInput("input", list(rows.shape), "FP64")
    wrong.set_data_from_numpy(rows.astype(np.float64), binary_data=False)
    expect_error(lambda: client.infer(model, [wrong]), "expects FP32", "REST FP64 input")
    wrong.set_data_from_numpy(rows.astype(np.float64))
    expect_error(lambda: client.infer(model, [wrong]), "expects FP32", "REST FP64 binary input")

    expect_error(lambda: client.infer("no-such-model", [batch]), "unknown model", "REST unknown model")
    client.close()
    return predictions


def check_grpc(url, model, version, rows, expected):
    client = grpcclient.InferenceServerClient(url=url)
    check(client.is_server_live(), "gRPC: server not live")
    check(client.is_server_ready(), "gRPC: server not ready")
    check(client.is_model_ready(model), "gRPC: model not ready")
    check(client.is_model_ready(model, version), "gRPC: model version not ready")
    check(client.get_server_metadata().name == "mlcycle", "gRPC: server metadata")
    metadata = client.get_model_metadata(model)
    check(metadata.platform == "xgboost_json", f"gRPC: platform {metadata.platform}")
    check(list(metadata.inputs[0].shape) == [-1, rows.shape[1]], f"gRPC: input shape {metadata.inputs[0].shape}")

    batch = grpcclient.InferInput("input", list(rows.shape), "FP32")
    batch.set_data_from_numpy(rows)
    result = client.infer(model, [batch], model_version=version, request_id="py-grpc-1",
                          outputs=[grpcclient.InferRequestedOutput("output")])
    check(result.get_response().id == "py-grpc-1", "gRPC: request id not echoed")
    predictions = result.as_numpy("output")
    check(predictions.shape == (len(rows),), f"gRPC: output shape {predictions.shape}")
    check(np.allclose(predictions, expected, atol=1e-6), f"gRPC: {predictions} != {expected}")

    wrong = grpcclient.InferInput("input", list(rows.shape), "FP64")
    wrong.set_data_from_numpy(rows.astype(np.float64))
    expect_error(lambda: client.infer(model, [wrong]), "INVALID_ARGUMENT", "gRPC FP64 input")
    expect_error(lambda: client.infer("no-such-model", [batch]), "NOT_FOUND", "gRPC unknown model")
    client.close()
    return predictions


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--http", required=True, help="host:port of the REST endpoint")
    parser.add_argument("--grpc", required=True, help="host:port of the gRPC endpoint")
    parser.add_argument("--model", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--expected", required=True, help="JSON file with rows, data and xgboost4j's predictions")
    args = parser.parse_args()

    with open(args.expected) as f:
        truth = json.load(f)
    rows = np.array(truth["data"], dtype=np.float32).reshape(truth["rows"], -1)
    expected = np.array(truth["predictions"], dtype=np.float32)

    rest = check_rest(args.http, args.model, args.version, rows, expected)
    print("REST " + json.dumps([float(v) for v in rest]))
    grpc = check_grpc(args.grpc, args.model, args.version, rows, expected)
    print("GRPC " + json.dumps([float(v) for v in grpc]))
    print("INTEROP OK")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"INTEROP FAILED: {e}", file=sys.stderr)
        sys.exit(1)
