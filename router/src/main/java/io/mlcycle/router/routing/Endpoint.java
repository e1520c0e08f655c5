package io.mlcycle.router.routing;

/** One ready serving pod: its address and the ports of its REST and gRPC servers ({@link #NO_PORT} when absent). */
public record Endpoint(String address, int httpPort, int grpcPort) {

    /** The port value of a protocol the endpoint does not serve. */
    public static final int NO_PORT = -1;

    /** The port of this endpoint for a protocol, or {@link #NO_PORT}. */
    public int port(Protocol protocol) {
        return protocol == Protocol.REST ? httpPort : grpcPort;
    }

    /** Whether the endpoint serves a protocol. */
    public boolean serves(Protocol protocol) {
        return port(protocol) != NO_PORT;
    }

    /** {@code address:port} for a protocol, as channels and logs name it. */
    public String authority(Protocol protocol) {
        // IPv6 addresses need brackets in an authority.
        String host = address.indexOf(':') >= 0 ? '[' + address + ']' : address;
        return host + ':' + port(protocol);
    }
}
