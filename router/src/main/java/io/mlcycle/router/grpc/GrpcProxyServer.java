package io.mlcycle.router.grpc;

import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.TrafficRouter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC side: a grpc-java Netty server whose fallback registry takes any method of
 * {@value #SERVICE} as bytes and relays it (other services get UNIMPLEMENTED).
 *
 * <p>Why not Vert.x's reverse proxy, which serves REST: in the served versions (4.5.27) it cannot carry gRPC
 * (no content-length on streamed bodies, trailers dropped, {@code te: trailers} stripped), and quarkus-grpc's server
 * wants generated services. grpc-java's byte passthrough relays every method, streaming ones included, without
 * knowing the messages.
 */
public final class GrpcProxyServer {

    /** The one service forwarded: OIP's. */
    public static final String SERVICE = "inference.GRPCInferenceService";

    private final Server server;

    public GrpcProxyServer(int port, TrafficRouter router, ChannelPool channels, RouterMetrics metrics,
            int maxMessageBytes, long mirrorTimeoutMillis) {
        ProxyCallHandler handler = new ProxyCallHandler(router, channels, metrics, mirrorTimeoutMillis);
        // directExecutor: the relay never blocks (it only hands messages on), so calls run on the Netty event loops
        // instead of hopping to a thread pool and back for every message.
        server = NettyServerBuilder.forPort(port).directExecutor().maxInboundMessageSize(maxMessageBytes)
                .fallbackHandlerRegistry(new HandlerRegistry() {
                    @Override
                    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
                        if (!SERVICE.equals(MethodDescriptor.extractFullServiceName(methodName))) {
                            return null;
                        }
                        // Not cached: method names come from clients, and a descriptor is cheap to build.
                        return ServerMethodDefinition.create(MethodDescriptor.newBuilder(ByteMarshaller.INSTANCE,
                                ByteMarshaller.INSTANCE).setFullMethodName(methodName)
                                .setType(MethodDescriptor.MethodType.UNKNOWN).build(), handler);
                    }
                }).build();
    }

    /** Binds the port and starts serving. */
    public GrpcProxyServer start() throws IOException {
        server.start();
        return this;
    }

    /** The bound port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getPort();
    }

    /** Stops taking calls, lets running ones finish for up to {@code grace}, then cancels the rest. */
    public void stop(Duration grace) throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
