/**
 * The mlcycle inference runtime: a DJL model server speaking the Open Inference Protocol (KServe V2) over REST and
 * gRPC.
 *
 * <p>Layers, inner first: {@code tensor} (typed tensors and signatures), {@code engine} (DJL models behind a
 * {@code LoadedModel}), {@code batching} (dynamic batching or a pass-through in front of each model, with bounded
 * admission), {@code registry} (models by name and version), {@code serving} (the transport-independent core every
 * protocol calls), {@code protocol.*} (OIP codecs and the REST and gRPC transports), {@code metrics} (Prometheus
 * meters) and {@code artifact} (verified, cached model downloads). Nothing below {@code protocol} knows about HTTP
 * or gRPC.
 */
package io.mlcycle.runtime;
