package io.mlcycle.runtime.protocol.grpc;

import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.metrics.ModelLabels;
import io.mlcycle.runtime.metrics.Outcome;
import io.mlcycle.runtime.metrics.RuntimeMetrics;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferResponse;
import io.mlcycle.runtime.protocol.grpc.proto.ModelMetadataRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelMetadataResponse;
import io.mlcycle.runtime.protocol.grpc.proto.ModelReadyRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelReadyResponse;
import io.mlcycle.runtime.protocol.grpc.proto.ServerLiveRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ServerLiveResponse;
import io.mlcycle.runtime.protocol.grpc.proto.ServerMetadataRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ServerMetadataResponse;
import io.mlcycle.runtime.protocol.grpc.proto.ServerReadyRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ServerReadyResponse;
import io.mlcycle.runtime.serving.InferenceRequest;
import io.mlcycle.runtime.serving.InferenceResponse;
import io.mlcycle.runtime.serving.ModelServer;
import io.quarkus.grpc.GrpcService;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code inference.GRPCInferenceService}: the Open Inference Protocol over gRPC, an adapter on {@link ModelServer}
 * like the REST routes. Bad input is INVALID_ARGUMENT naming the input, an unknown model NOT_FOUND, a full queue
 * RESOURCE_EXHAUSTED, a model not (yet) loaded UNAVAILABLE. A call cancelled by its client (or its deadline) before
 * its request reached the engine is dropped from the queue and counted with code CANCELLED.
 */
@GrpcService
public class GrpcInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private final ModelServer server;
    private final RuntimeMetrics metrics;

    GrpcInferenceService(ModelServer server, RuntimeMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> reply) {
        answer(reply, () -> ServerLiveResponse.newBuilder().setLive(server.isLive()).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> reply) {
        answer(reply, () -> ServerReadyResponse.newBuilder().setReady(server.isReady()).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> reply) {
        answer(reply, () -> {
            try {
                server.model(request.getName(), version(request.getVersion()));
                return ModelReadyResponse.newBuilder().setReady(true).build();
            } catch (InferenceException e) {
                if (e.kind() == InferenceException.Kind.UNAVAILABLE) {
                    return ModelReadyResponse.newBuilder().setReady(false).build();
                }
                throw e;
            }
        });
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> reply) {
        answer(reply, () -> MetadataWriter.server(server.metadata()));
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> reply) {
        answer(reply, () -> MetadataWriter.model(server.modelMetadata(request.getName(), version(request.getVersion()))));
    }

    /**
     * Runs on the event loop (no {@code @Blocking}: Quarkus would dispatch each of the call's events to a worker and
     * back): converts and submits the request, then returns. The model runs on its own engine threads and the reply
     * is sent from there when it is done, so no thread waits for it. grpc-java has already parsed the message on this
     * loop; the conversion only copies its tensors.
     */
    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> reply) {
        long started = System.nanoTime();
        metrics.inferenceStarted();
        Optional<String> version = version(request.getModelVersion());
        InferenceRequest decoded;
        try {
            decoded = InferRequestReader.read(request);
        } catch (RuntimeException e) {
            fail(request, version, started, reply, e);
            return;
        }
        boolean raw = request.getRawInputContentsCount() > 0;
        CompletableFuture<InferenceResponse> answer;
        try {
            answer = server.inferAsync(request.getModelName(), version, decoded);
        } catch (RuntimeException e) {
            fail(request, version, started, reply, e); // answered (and counted out of the in-flight gauge) here too
            return;
        }
        if (reply instanceof ServerCallStreamObserver<ModelInferResponse> call) {
            // The client cancelled or its deadline passed: a request still queued is dropped, not run.
            call.setOnCancelHandler(() -> answer.cancel(false));
        }
        answer.whenComplete((response, error) -> {
            if (answer.isCancelled()) {
                metrics.inferenceEnded();
                metrics.request("grpc", ModelLabels.of(server, request.getModelName(), version), "CANCELLED",
                        Outcome.CLIENT_ERROR, System.nanoTime() - started);
                return;
            }
            if (error != null) {
                fail(request, version, started, reply, InferenceException.unwrap(error));
                return;
            }
            ModelInferResponse message;
            try {
                message = InferResponseWriter.write(response, raw);
            } catch (RuntimeException e) {
                fail(request, version, started, reply, e);
                return;
            }
            metrics.inferenceEnded(); // before the answer leaves: a client that scrapes next sees it counted out
            reply.onNext(message);
            reply.onCompleted();
            metrics.request("grpc", new ModelLabels(response.modelName(), response.modelVersion()), "OK",
                    Outcome.SUCCESS, System.nanoTime() - started);
        });
    }

    private void fail(ModelInferRequest request, Optional<String> version, long started,
            StreamObserver<ModelInferResponse> reply, RuntimeException failure) {
        StatusException status = GrpcErrors.of(failure);
        metrics.inferenceEnded();
        reply.onError(status);
        Outcome outcome = failure instanceof InferenceException e ? Outcome.of(e.kind()) : Outcome.SERVER_ERROR;
        metrics.request("grpc", ModelLabels.of(server, request.getModelName(), version),
                status.getStatus().getCode().name(), outcome, System.nanoTime() - started);
    }

    private static Optional<String> version(String version) {
        return version.isEmpty() ? Optional.empty() : Optional.of(version);
    }

    private static <T> void answer(StreamObserver<T> reply, Supplier<T> response) {
        T message;
        try {
            message = response.get();
        } catch (RuntimeException e) {
            reply.onError(GrpcErrors.of(e));
            return;
        }
        reply.onNext(message);
        reply.onCompleted();
    }
}
