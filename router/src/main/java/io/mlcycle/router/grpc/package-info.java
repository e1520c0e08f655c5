/**
 * gRPC forwarding with grpc-java's byte passthrough: any method of {@code inference.GRPCInferenceService} is
 * accepted without decoding its messages, and relayed message by message, with headers, trailers, status and
 * flow control, over one cached plaintext channel per endpoint.
 */
package io.mlcycle.router.grpc;
