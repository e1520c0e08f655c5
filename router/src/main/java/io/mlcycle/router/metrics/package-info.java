/** Prometheus meters of the router: requests by revision, protocol and code, latency, mirrors, the table in force. */
package io.mlcycle.router.metrics;
