/**
 * The Open Inference Protocol (KServe V2) data model and its JSON codec, shared by every transport: REST reads
 * and writes this JSON; gRPC maps its protobuf messages onto the same {@code InferenceRequest} and
 * {@code InferenceResponse}. Decoding errors are {@code InferenceException}s of kind BAD_REQUEST naming the input
 * and what is wrong with it.
 */
package io.mlcycle.runtime.protocol.oip;
