package io.mlcycle.api.v1alpha1;

/** What splits traffic between stable and canary. */
public enum TrafficProvider {
    router,
    gatewayApi
}
