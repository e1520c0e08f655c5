/**
 * Routing as plain values: an immutable {@link io.mlcycle.router.routing.RoutingTable} of revisions and their
 * ready endpoints, and the {@link io.mlcycle.router.routing.TrafficRouter} that picks, per request, the revision
 * (smooth weighted round-robin, or the pinned one), its endpoint (round-robin) and whether the request is mirrored.
 */
package io.mlcycle.router.routing;
