/**
 * The mlcycle inference runtime: a model server speaking the Open Inference Protocol (KServe V2) over REST and
 * gRPC.
 *
 * <p>Layers, outer first; each uses only layers below it ({@code LayeringTest} checks it):
 * <ol>
 *   <li>{@code app}, {@code validate}: configuration, start-up and validate mode, wiring everything below;</li>
 *   <li>{@code protocol.rest}, {@code protocol.grpc}: the transports;</li>
 *   <li>{@code metrics}: Prometheus meters of requests and engine calls;</li>
 *   <li>{@code protocol.oip}: the OIP JSON codec and binary tensor layout the transports share;</li>
 *   <li>{@code serving}, {@code registry}: the transport-independent core every protocol calls, its request and
 *       response model, and models by name and version;</li>
 *   <li>{@code batching}, {@code drift}: dynamic batching or a pass-through in front of each model, with bounded
 *       admission, and the drift profile of what it is asked;</li>
 *   <li>{@code engine}: XGBoost, ONNX Runtime and PyTorch models behind a {@code LoadedModel};</li>
 *   <li>{@code artifact}, {@code tensor}: verified, cached model downloads; typed tensors and signatures.</li>
 * </ol>
 * Nothing below {@code protocol} knows about HTTP or gRPC.
 */
package io.mlcycle.runtime;
