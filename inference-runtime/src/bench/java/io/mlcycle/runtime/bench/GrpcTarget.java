package io.mlcycle.runtime.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest.InferInputTensor;
import io.mlcycle.runtime.protocol.grpc.proto.ServerLiveRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** OIP gRPC with raw little-endian contents, as Triton's clients send it, over one HTTP/2 channel. */
final class GrpcTarget implements Target {

    private final ManagedChannel channel;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub;
    private final ModelInferRequest request;
    private final boolean liveOnly;

    /**
     * ModelInfer of {@code row} or, with {@code liveOnly}, ServerLive: the transport's own cost, with no model work
     * behind it.
     */
    GrpcTarget(String host, int port, String model, float[] row, boolean liveOnly) {
        this.liveOnly = liveOnly;
        // Answers are handled on the channel's Netty thread: the default executor would add a thread hop per call
        // on the client's side, which is the load generator's cost, not the server's.
        channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build();
        stub = GRPCInferenceServiceGrpc.newStub(channel);
        ByteBuffer raw = ByteBuffer.allocate(4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : row) {
            raw.putFloat(value);
        }
        request = ModelInferRequest.newBuilder().setModelName(model)
                .addInputs(InferInputTensor.newBuilder().setName("input").setDatatype("FP32").addShape(1)
                        .addShape(row.length))
                .addRawInputContents(ByteString.copyFrom(raw.array())).build();
    }

    @Override
    public CompletableFuture<Void> send() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (liveOnly) {
            stub.serverLive(ServerLiveRequest.getDefaultInstance(), completing(done));
        } else {
            stub.modelInfer(request, completing(done));
        }
        return done;
    }

    private static <T> StreamObserver<T> completing(CompletableFuture<Void> done) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        };
    }

    @Override
    public void close() {
        try {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
