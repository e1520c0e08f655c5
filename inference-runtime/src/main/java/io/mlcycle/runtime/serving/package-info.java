/**
 * The transport-independent serving core. {@code ModelServer} answers health, metadata and inference calls
 * against the registry, in the protocol's own data model ({@code InferenceRequest}, {@code InferenceResponse},
 * {@code ModelMetadata}, {@code ServerMetadata}); REST and gRPC are adapters around it, and the batching layer sits
 * between it and the engines. It validates every request against the model's signature, so engines only ever see
 * well-formed batches.
 */
package io.mlcycle.runtime.serving;
