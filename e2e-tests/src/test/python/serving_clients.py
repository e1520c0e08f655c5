"""Triton's own Python clients (tritonclient, from the runtime tests' virtualenv) against an InferenceService.

Usage:
  serving_clients.py infer HTTP_HOST:PORT GRPC_HOST:PORT MODEL INPUT OUTPUT ROWS_JSON
      one inference over REST (tritonclient.http, binary tensors as it sends by default) and one over gRPC;
      prints {"http": [...], "grpc": [...]} with the OUTPUT tensor of each.
  serving_clients.py split GRPC_HOST:PORT MODEL INPUT ROWS_JSON COUNT [REVISION|-] [AUTHORITY]
      COUNT gRPC inferences (pinned to REVISION with the x-mlcycle-revision header when given; to AUTHORITY as the
      :authority, the host name a Gateway routes by, when given); prints how many each revision answered (the router's
      x-mlcycle-revision response header, else "version-" and the answer's model_version) and how many failed.
"""
import collections
import json
import sys

import grpc
import numpy as np
import tritonclient.grpc as grpcclient
import tritonclient.http as httpclient
from tritonclient.grpc import service_pb2, service_pb2_grpc


def infer(http_address, grpc_address, model, input_name, output_name, rows):
    http = httpclient.InferenceServerClient(url=http_address)
    if not http.is_server_ready() or not http.is_model_ready(model):
        raise SystemExit(f"{http_address}: server or model {model} not ready over REST")
    tensor = httpclient.InferInput(input_name, list(rows.shape), "FP32")
    tensor.set_data_from_numpy(rows)
    over_http = http.infer(model, [tensor]).as_numpy(output_name).tolist()
    client = grpcclient.InferenceServerClient(url=grpc_address)
    if not client.is_server_ready() or not client.is_model_ready(model):
        raise SystemExit(f"{grpc_address}: server or model {model} not ready over gRPC")
    tensor = grpcclient.InferInput(input_name, list(rows.shape), "FP32")
    tensor.set_data_from_numpy(rows)
    over_grpc = client.infer(model, [tensor], client_timeout=30).as_numpy(output_name).tolist()
    print(json.dumps({"http": over_http, "grpc": over_grpc}))


def split(grpc_address, model, input_name, rows, count, revision, authority):
    # The generated stub of tritonclient's own proto: its call object shows the response headers.
    options = [("grpc.default_authority", authority)] if authority else []
    stub = service_pb2_grpc.GRPCInferenceServiceStub(grpc.insecure_channel(grpc_address, options=options))
    request = service_pb2.ModelInferRequest(model_name=model)
    tensor = request.inputs.add(name=input_name, datatype="FP32", shape=list(rows.shape))
    tensor.contents.fp32_contents.extend(rows.flatten().tolist())
    metadata = [("x-mlcycle-revision", revision)] if revision else []
    answered = collections.Counter()
    for _ in range(count):
        try:
            response, call = stub.ModelInfer.with_call(request, metadata=metadata, timeout=10)
            headers = dict(call.initial_metadata())
            answered[headers.get("x-mlcycle-revision", "version-" + response.model_version)] += 1
        except grpc.RpcError as e:
            answered["errors"] += 1
            answered["error:" + str(e.code())] += 1
    print(json.dumps(answered))


def main():
    mode = sys.argv[1]
    if mode == "infer":
        rows = np.array(json.loads(sys.argv[7]), dtype=np.float32)
        infer(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], rows)
    elif mode == "split":
        rows = np.array(json.loads(sys.argv[5]), dtype=np.float32)
        revision = sys.argv[7] if len(sys.argv) > 7 and sys.argv[7] != "-" else None
        authority = sys.argv[8] if len(sys.argv) > 8 else None
        split(sys.argv[2], sys.argv[3], sys.argv[4], rows, int(sys.argv[6]), revision, authority)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
