/**
 * The transport-independent serving core. {@code ModelServer} answers health, metadata and inference calls
 * against the registry; REST today and gRPC and the dynamic batcher later are adapters around it. It validates
 * every request against the model's signature, so engines only ever see well-formed batches.
 */
package io.mlcycle.runtime.serving;
