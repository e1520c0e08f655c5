/**
 * The Open Inference Protocol over HTTP/JSON, as Vert.x routes on Quarkus's HTTP server.
 *
 * <p>Why Vert.x routes and not JAX-RS ({@code quarkus-rest-jackson}): an inference call here is "bytes in,
 * bytes out" around a blocking engine call. Routes read the body as one buffer with our own size limit, decode it
 * once with the OIP codec (no intermediate DTO binding) on the event loop (large bodies on a worker), submit it to
 * the serving core, whose engine threads run the model, and write the codec's bytes back from there when the answer
 * is there, with no resource matching, provider chain or entity mapping in between, and no thread waiting. It also gives one place to turn every failure into OIP's {@code {"error": "..."}} with the right status
 * (400, 404, 413, 429 with Retry-After, 503), including failures raised by Vert.x itself such as an oversized body.
 */
package io.mlcycle.runtime.protocol.rest;
