/**
 * The Quarkus application: typed configuration ({@code mlcycle.router.*}), the beans wiring routing, metrics and
 * the Kubernetes watch together, the REST routes on Quarkus's HTTP server, the gRPC server's lifecycle and the
 * readiness check.
 */
package io.mlcycle.router.app;
