package io.mlcycle.router.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.Target;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The copy of one gRPC call sent to the mirror revision: the client's messages are sent to it too, its answers
 * are read and dropped (the first kept for a comparison with the client's), and its status is only counted. It never holds up the original call: a copy that cannot
 * keep up buffers in grpc-java's call (bounded by the call's own size) and is cut off by its deadline.
 */
final class GrpcMirror {

    /** Statuses that say no answer came back, rather than that the backend answered with an error. */
    private static final Set<Status.Code> NO_ANSWER = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.CANCELLED);

    private final ClientCall<byte[], byte[]> call;
    private final String revision;
    /**
     * The copy's answer once it closed: its first message when OK (OIP's inference calls are unary), empty when it
     * closed with an error of the backend's, null when no answer came (unreachable, deadline, cancelled).
     */
    private final CompletableFuture<Optional<byte[]>> answer = new CompletableFuture<>();

    GrpcMirror(ChannelPool channels, Target target, MethodDescriptor<byte[], byte[]> method, Metadata headers,
            RouterMetrics metrics, long timeoutMillis) {
        revision = target.revision();
        call = channels.channel(target.endpoint())
                .newCall(method, CallOptions.DEFAULT.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS));
        Metadata copy = new Metadata();
        copy.merge(headers);
        copy.put(Metadata.Key.of("x-mlcycle-mirror", Metadata.ASCII_STRING_MARSHALLER), "true");
        call.start(new ClientCall.Listener<>() {
            private byte[] first;

            @Override
            public void onMessage(byte[] message) {
                if (first == null) {
                    first = message;
                }
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                metrics.mirrored(target.revision(), status.isOk());
                answer.complete(status.isOk() ? Optional.ofNullable(first)
                        : NO_ANSWER.contains(status.getCode()) ? null : Optional.empty());
            }
        }, copy);
        call.request(1);
    }

    String revision() {
        return revision;
    }

    CompletableFuture<Optional<byte[]>> answer() {
        return answer;
    }

    void send(byte[] message) {
        call.sendMessage(message);
    }

    void halfClose() {
        call.halfClose();
    }

    void cancel() {
        call.cancel("the original call was cancelled", null);
    }
}
