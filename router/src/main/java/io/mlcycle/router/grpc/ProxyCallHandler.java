package io.mlcycle.router.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.Protocol;
import io.mlcycle.router.routing.Route;
import io.mlcycle.router.routing.Route.Forward;
import io.mlcycle.router.routing.Route.Reason;
import io.mlcycle.router.routing.Route.Refusal;
import io.mlcycle.router.routing.TrafficRouter;

/** Starts each call: routes it, refuses it with NOT_FOUND / UNAVAILABLE, or relays it to the chosen endpoint. */
final class ProxyCallHandler implements ServerCallHandler<byte[], byte[]> {

    private final TrafficRouter router;
    private final ChannelPool channels;
    private final RouterMetrics metrics;
    private final long mirrorTimeoutMillis;

    ProxyCallHandler(TrafficRouter router, ChannelPool channels, RouterMetrics metrics, long mirrorTimeoutMillis) {
        this.router = router;
        this.channels = channels;
        this.metrics = metrics;
        this.mirrorTimeoutMillis = mirrorTimeoutMillis;
    }

    @Override
    public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> serverCall, Metadata headers) {
        long start = System.nanoTime();
        Route route = router.route(Protocol.GRPC, headers.get(GrpcHeaders.REVISION));
        if (route instanceof Refusal refusal) {
            Status status = refusal.reason() == Reason.NO_SUCH_REVISION ? Status.NOT_FOUND : Status.UNAVAILABLE;
            metrics.request(RouterMetrics.NO_REVISION, Protocol.GRPC.label(), status.getCode().name(),
                    System.nanoTime() - start);
            serverCall.close(status.withDescription(refusal.message()), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        Forward forward = (Forward) route;
        MethodDescriptor<byte[], byte[]> method = serverCall.getMethodDescriptor();
        CallOptions options = CallOptions.DEFAULT;
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null) {
            options = options.withDeadline(deadline);
        }
        // Created in the server call's context: a cancelled client call cancels the backend call too.
        ClientCall<byte[], byte[]> clientCall = channels.channel(forward.target().endpoint()).newCall(method, options);
        GrpcMirror mirror = null;
        if (forward.mirror().isPresent()) {
            // The copy runs in a context of its own: the original's context is cancelled as soon as it completes.
            Context forked = Context.current().fork();
            Context previous = forked.attach();
            try {
                mirror = new GrpcMirror(channels, forward.mirror().get(), method, headers, metrics,
                        mirrorTimeoutMillis);
            } finally {
                forked.detach(previous);
            }
        }
        CallProxy proxy = new CallProxy(serverCall, clientCall, mirror, forward.target(), metrics, start);
        clientCall.start(proxy.clientListener, headers);
        serverCall.request(1);
        clientCall.request(1);
        return proxy.serverListener;
    }
}
