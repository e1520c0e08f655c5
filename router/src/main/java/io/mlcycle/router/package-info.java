/**
 * The mlcycle router: the traffic layer of one InferenceService. It forwards Open Inference Protocol requests
 * (REST on 8080, gRPC on 8081) to the serving pods of one revision, chosen by exact weights, with pinning by
 * header and mirroring of a share of requests.
 *
 * <p>Layers, outer first; each uses only layers below it:
 * <ol>
 *   <li>{@code app}: configuration and the Quarkus beans wiring the rest together;</li>
 *   <li>{@code rest}, {@code grpc}: the transports (Vert.x reverse proxy, grpc-java byte passthrough);</li>
 *   <li>{@code kube}: the ConfigMap and EndpointSlices watched, turned into routing tables;</li>
 *   <li>{@code metrics}: Prometheus meters of requests, mirrors and the table in force;</li>
 *   <li>{@code routing}: the routing table and the choice of revision and endpoint, plain values only.</li>
 * </ol>
 * Nothing in {@code routing} knows about Kubernetes, HTTP or gRPC.
 */
package io.mlcycle.router;
