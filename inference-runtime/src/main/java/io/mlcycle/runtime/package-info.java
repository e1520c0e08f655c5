/**
 * The mlcycle inference runtime: a DJL model server speaking the Open Inference Protocol (KServe V2).
 *
 * <p>Layers, inner first: {@code tensor} (typed tensors and signatures), {@code engine} (DJL models behind a
 * {@code LoadedModel}), {@code registry} (loaded models by name and version), {@code serving} (the
 * transport-independent core every protocol calls), {@code protocol.*} (OIP codecs and transports) and
 * {@code artifact} (verified, cached model downloads). Nothing below {@code protocol} knows about HTTP.
 */
package io.mlcycle.runtime;
