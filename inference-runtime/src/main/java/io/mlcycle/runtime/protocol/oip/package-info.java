/**
 * The Open Inference Protocol (KServe V2) encodings shared by the transports: the JSON codec REST reads and writes
 * (with Triton's binary tensor data extension) and the binary tensor layout that extension and gRPC's raw contents
 * share. Both map onto the serving core's {@code InferenceRequest} and {@code InferenceResponse}. Decoding errors
 * are {@code InferenceException}s of kind BAD_REQUEST naming the input and what is wrong with it.
 */
package io.mlcycle.runtime.protocol.oip;
