/**
 * The Open Inference Protocol over gRPC ({@code inference.GRPCInferenceService}, from
 * {@code src/main/proto/grpc_predict_v2.proto}) on a port of its own. Like the REST routes it is a thin adapter on
 * the serving core: protobuf requests become the same {@code InferenceRequest}, go through the same validation and
 * batcher, and come back typed or as {@code raw_output_contents} (little-endian, BYTES length-prefixed).
 */
package io.mlcycle.runtime.protocol.grpc;
