/**
 * The Kubernetes side: the traffic document in the ConfigMap the operator writes, the EndpointSlices of each
 * revision's Service, and the informers that turn both into a {@link io.mlcycle.router.routing.RoutingTable}
 * whenever either changes. The parsing and table building are pure functions, tested without a server.
 */
package io.mlcycle.router.kube;
