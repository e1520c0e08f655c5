package io.mlcycle.router.routing;

/** The two transports a request can arrive on; an endpoint may serve one and not the other. */
public enum Protocol {
    REST,
    GRPC;

    /** The label value of this protocol in metrics. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
