package io.mlcycle.router.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.mlcycle.router.routing.Endpoint;
import io.mlcycle.router.routing.Protocol;
import io.mlcycle.router.routing.Revision;
import io.mlcycle.router.routing.RoutingTable;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One plaintext channel per endpoint ({@code address:port}), created on first use and shut down once the endpoint
 * is no longer in the routing table (calls still running on it finish first).
 */
public final class ChannelPool implements AutoCloseable {

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final int maxMessageBytes;

    public ChannelPool(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The channel to an endpoint's gRPC port. */
    ManagedChannel channel(Endpoint endpoint) {
        return channels.computeIfAbsent(endpoint.authority(Protocol.GRPC), key ->
                NettyChannelBuilder.forAddress(endpoint.address(), endpoint.grpcPort()).usePlaintext().directExecutor()
                        .maxInboundMessageSize(maxMessageBytes).build());
    }

    /** Shuts down the channels of endpoints the new table no longer has. */
    public void retainOnly(RoutingTable table) {
        Set<String> live = new HashSet<>();
        for (Revision revision : table.revisions()) {
            for (Endpoint endpoint : revision.endpoints(Protocol.GRPC)) {
                live.add(endpoint.authority(Protocol.GRPC));
            }
        }
        channels.entrySet().removeIf(entry -> {
            if (live.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().shutdown();
            return true;
        });
    }

    /** How many channels are open (for tests). */
    int size() {
        return channels.size();
    }

    @Override
    public void close() throws InterruptedException {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels.values()) {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        }
        channels.clear();
    }
}
