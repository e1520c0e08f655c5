package io.mlcycle.router.grpc;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.mlcycle.router.compare.GrpcInferResponse;
import io.mlcycle.router.compare.MirrorComparison;
import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.Protocol;
import io.mlcycle.router.routing.Target;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays one call between the client ({@code serverCall}) and the backend ({@code clientCall}), as grpc-java's
 * {@code GrpcProxy} example does: one message requested at a time on each side, the next only once the other side
 * is ready, so a slow reader pushes back instead of filling memory. Headers, trailers and status pass as they are;
 * the answer's headers gain {@code x-mlcycle-revision}. A mirrored {@code ModelInfer} call's answer is compared with
 * the copy's once both are in.
 */
final class CallProxy {

    /** The one method whose answers are compared: OIP's unary inference call. */
    static final String INFER = GrpcProxyServer.SERVICE + "/ModelInfer";

    final RequestProxy serverListener;
    final ResponseProxy clientListener;
    private final Target target;
    private final RouterMetrics metrics;
    private final long start;
    /** A cancelled call also sees its backend call close: it is counted once, by whichever comes first. */
    private final AtomicBoolean counted = new AtomicBoolean();
    /** The client's answer (first message) when it is to be compared with the mirror's; null when none came. */
    private final CompletableFuture<byte[]> answered;

    CallProxy(ServerCall<byte[], byte[]> serverCall, ClientCall<byte[], byte[]> clientCall, GrpcMirror mirror,
            Target target, RouterMetrics metrics, long start) {
        this.serverListener = new RequestProxy(clientCall, mirror);
        this.clientListener = new ResponseProxy(serverCall);
        this.target = target;
        this.metrics = metrics;
        this.start = start;
        this.answered = mirror != null && INFER.equals(serverCall.getMethodDescriptor().getFullMethodName())
                ? new CompletableFuture<>() : null;
        if (answered != null) {
            MirrorComparison comparison = new MirrorComparison(metrics);
            answered.thenAcceptBoth(mirror.answer(), (client, copy) -> {
                if (client != null && copy != null) {
                    comparison.record(mirror.revision(), GrpcInferResponse.parse(client),
                            copy.flatMap(GrpcInferResponse::parse));
                }
            });
        }
    }

    private void count(Status.Code code) {
        if (counted.compareAndSet(false, true)) {
            metrics.request(target.revision(), Protocol.GRPC.label(), code.name(), System.nanoTime() - start);
        }
    }

    /** The client's side: its messages go to the backend (and the mirror). */
    final class RequestProxy extends ServerCall.Listener<byte[]> {

        private final ClientCall<byte[], byte[]> clientCall;
        private final GrpcMirror mirror;
        private boolean needToRequest; // guarded by this

        RequestProxy(ClientCall<byte[], byte[]> clientCall, GrpcMirror mirror) {
            this.clientCall = clientCall;
            this.mirror = mirror;
        }

        @Override
        public void onMessage(byte[] message) {
            clientCall.sendMessage(message);
            if (mirror != null) {
                mirror.send(message);
            }
            synchronized (this) {
                if (clientCall.isReady()) {
                    clientListener.serverCall.request(1);
                } else {
                    needToRequest = true;
                }
            }
        }

        @Override
        public void onHalfClose() {
            clientCall.halfClose();
            if (mirror != null) {
                mirror.halfClose();
            }
        }

        @Override
        public void onCancel() {
            clientCall.cancel("the client cancelled the call", null);
            if (mirror != null) {
                mirror.cancel();
            }
            count(Status.Code.CANCELLED);
        }

        @Override
        public void onReady() {
            clientListener.onServerReady();
        }

        synchronized void onClientReady() {
            if (needToRequest) {
                clientListener.serverCall.request(1);
                needToRequest = false;
            }
        }
    }

    /** The backend's side: its headers, messages and status go back to the client. */
    final class ResponseProxy extends ClientCall.Listener<byte[]> {

        private final ServerCall<byte[], byte[]> serverCall;
        private boolean needToRequest; // guarded by this
        private boolean headersSent;

        ResponseProxy(ServerCall<byte[], byte[]> serverCall) {
            this.serverCall = serverCall;
        }

        @Override
        public void onHeaders(Metadata headers) {
            headers.put(GrpcHeaders.REVISION, target.revision());
            headersSent = true;
            serverCall.sendHeaders(headers);
        }

        @Override
        public void onMessage(byte[] message) {
            serverCall.sendMessage(message);
            if (answered != null) {
                // After the send: the comparison never delays the client's answer.
                answered.complete(message);
            }
            synchronized (this) {
                if (serverCall.isReady()) {
                    serverListener.clientCall.request(1);
                } else {
                    needToRequest = true;
                }
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            if (!headersSent) {
                // A trailers-only answer (an error, or no backend reached): headers of our own carry the revision.
                Metadata headers = new Metadata();
                headers.put(GrpcHeaders.REVISION, target.revision());
                serverCall.sendHeaders(headers);
            }
            Status closing = status;
            if (status.getCode() == Status.Code.UNAVAILABLE && status.getCause() != null) {
                // The channel's own failure (a cause attached), not the backend's answer: say who was unreachable.
                closing = status.withDescription("revision '" + target.revision() + "' at "
                        + target.endpoint().authority(Protocol.GRPC) + " did not answer: " + status.getDescription());
            }
            if (answered != null) {
                answered.complete(null);
            }
            // Counted before the close goes out, so a client that has its answer also sees it counted.
            count(closing.getCode());
            serverCall.close(closing, trailers);
        }

        @Override
        public void onReady() {
            serverListener.onClientReady();
        }

        synchronized void onServerReady() {
            if (needToRequest) {
                serverListener.clientCall.request(1);
                needToRequest = false;
            }
        }
    }
}
