package io.mlcycle.runtime.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.mlcycle.runtime.batching.ScheduledModel;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc;
import io.mlcycle.runtime.protocol.grpc.proto.InferTensorContents;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest.InferInputTensor;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferResponse;
import io.mlcycle.runtime.serving.ModelServer;
import io.quarkus.grpc.runtime.GrpcServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.value.registry.ValueRegistry;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Backpressure end to end: with the engine held and a queue of 2, a burst gets 429 with Retry-After over REST and
 * RESOURCE_EXHAUSTED over gRPC while the engine is still held, and exactly the admitted requests succeed once it
 * moves; requests whose clients gave up (a timed-out HTTP client, a gRPC deadline) leave the queue unrun.
 */
@QuarkusTest
@TestProfile(OverloadTest.SmallQueue.class)
class OverloadTest {

    /** One worker, batches of up to 4 rows, room for 2 more requests in the queue. */
    public static class SmallQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mlcycle.runtime.workers", "1", "mlcycle.runtime.batching.max-batch-size", "4",
                    "mlcycle.runtime.batching.max-delay", "1ms", "mlcycle.runtime.batching.queue-capacity", "2");
        }
    }

    private static final int BURST = 20;
    private static final String REQUEST = "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1, 1],"
            + " \"data\": [7]}]}";

    @Inject
    ModelServer server;

    @Inject
    ValueRegistry values;

    @TestHTTPResource("/v2/models/gated/infer")
    URI infer;

    @Test
    void aBurstBeyondTheQueueIsRefusedAtOnceOverRestAndGrpc() throws Exception {
        GatedModel model = new GatedModel();
        server.serve(model);
        ScheduledModel scheduled = (ScheduledModel) server.model("gated", Optional.empty());

        model.hold();
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            replies.add(http.sendAsync(HttpRequest.newBuilder(infer).POST(HttpRequest.BodyPublishers.ofString(REQUEST))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        int admitted = awaitBurstSettled(replies, scheduled, model);
        // At least the 2 the queue holds (a worker slow to start takes both as one batch once the burst is refused),
        // at most a batch of 4 in the engine plus 2 queued.
        assertThat(admitted).as("the queue's 2, at most a batch of 4 in the engine plus 2 queued").isBetween(2, 6);
        model.open();
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> reply : replies) {
            HttpResponse<String> response = reply.get(10, TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                ok++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).contains("1");
                assertThat(response.body()).contains("model 'gated' is overloaded: 2 requests are already queued");
            }
        }
        assertThat(ok).isEqualTo(admitted);

        model.hold();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", values.get(GrpcServer.GRPC_PORT))
                .usePlaintext().build();
        try {
            var grpc = GRPCInferenceServiceGrpc.newFutureStub(channel);
            ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("gated").addInputs(InferInputTensor
                    .newBuilder().setName("x").setDatatype("FP32").addShape(1).addShape(1)
                    .setContents(InferTensorContents.newBuilder().addFp32Contents(7))).build();
            List<CompletableFuture<ModelInferResponse>> calls = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                CompletableFuture<ModelInferResponse> call = new CompletableFuture<>();
                Futures.addCallback(grpc.modelInfer(request), new FutureCallback<>() {
                    @Override
                    public void onSuccess(ModelInferResponse result) {
                        call.complete(result);
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        call.completeExceptionally(t);
                    }
                }, Runnable::run);
                calls.add(call);
            }
            int grpcAdmitted = awaitBurstSettled(calls, scheduled, model);
            model.open();
            int exhausted = 0;
            for (CompletableFuture<ModelInferResponse> call : calls) {
                try {
                    call.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    Status status = Status.fromThrowable(e.getCause());
                    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(status.getDescription()).contains("model 'gated' is overloaded");
                    exhausted++;
                }
            }
            assertThat(exhausted).isEqualTo(BURST - grpcAdmitted).isPositive();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void requestsWhoseClientsGaveUpLeaveTheQueueUnrun() throws Exception {
        GatedModel model = new GatedModel();
        server.serve(model);
        ScheduledModel scheduled = (ScheduledModel) server.model("gated", Optional.empty());
        long warmUpRows = model.rowsRun.get();
        model.hold();
        // HTTP/1.1: a client that times out then closes its connection, which is how the server learns of it.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> inEngine = http.sendAsync(HttpRequest.newBuilder(infer)
                .POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build(), HttpResponse.BodyHandlers.ofString());
        awaitTrue(() -> model.heldRows.get() == 1, "the first request in the engine");

        CompletableFuture<HttpResponse<String>> restGivesUp = http.sendAsync(HttpRequest.newBuilder(infer)
                .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build(),
                HttpResponse.BodyHandlers.ofString());
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", values.get(GrpcServer.GRPC_PORT))
                .usePlaintext().build();
        try {
            var grpc = GRPCInferenceServiceGrpc.newFutureStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS);
            var grpcGivesUp = grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("gated").addInputs(
                    InferInputTensor.newBuilder().setName("x").setDatatype("FP32").addShape(1).addShape(1)
                            .setContents(InferTensorContents.newBuilder().addFp32Contents(7))).build());
            awaitTrue(() -> scheduled.queueDepth() == 2, "both later requests queued behind it");

            ExecutionException timedOut = catchThrowableOfType(ExecutionException.class,
                    () -> restGivesUp.get(10, TimeUnit.SECONDS));
            assertThat(timedOut).hasCauseInstanceOf(HttpTimeoutException.class);
            ExecutionException expired = catchThrowableOfType(ExecutionException.class,
                    () -> grpcGivesUp.get(10, TimeUnit.SECONDS));
            assertThat(Status.fromThrowable(expired.getCause()).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            awaitTrue(() -> scheduled.queueDepth() == 0, "both left the queue while the engine is still held");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        model.open();
        assertThat(inEngine.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(model.rowsRun.get() - warmUpRows).as("rows that reached the engine: the first request's only")
                .isEqualTo(1);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /**
     * Waits until every request of the burst is accounted for while the engine is held: refused (answered), queued
     * or inside the engine. Returns how many were admitted.
     */
    private static int awaitBurstSettled(List<? extends CompletableFuture<?>> replies, ScheduledModel scheduled,
            GatedModel model) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            long answered = replies.stream().filter(CompletableFuture::isDone).count();
            long admitted = scheduled.queueDepth() + model.heldRows.get();
            if (answered + admitted == replies.size()) {
                return (int) admitted;
            }
            assertThat(System.nanoTime()).as("burst settled within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
