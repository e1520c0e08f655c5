package io.mlcycle.runtime.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.mlcycle.runtime.protocol.grpc.proto.InferParameter;
import io.mlcycle.runtime.protocol.grpc.proto.InferTensorContents;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest.InferInputTensor;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest.InferRequestedOutputTensor;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferResponse;
import io.mlcycle.runtime.protocol.rest.TrainedXgboostModel;
import io.quarkus.grpc.runtime.GrpcServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.value.registry.ValueRegistry;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A short fuzz campaign against gRPC {@code ModelInfer}: random requests (names, datatypes, shapes, typed and raw
 * contents, parameters, outputs drawn from a seeded generator around the served model's signature) and mutations of
 * a valid request's bytes that still parse. Bad input must get a client status (INVALID_ARGUMENT, NOT_FOUND), never
 * INTERNAL, UNKNOWN or a missed deadline, and the server must still answer a valid request afterwards.
 */
@QuarkusTest
@WithTestResource(TrainedXgboostModel.class)
class GrpcFuzzTest {

    private static final int RANDOM_CASES = 1500;
    private static final int MUTATED_CASES = 3000;
    private static final Set<Status.Code> CLIENT_STATUSES = Set.of(Status.Code.OK, Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND);
    private static final List<String> DATATYPES = List.of("FP32", "FP64", "INT64", "INT32", "UINT8", "BOOL", "BYTES",
            "FP16", "UINT64", "fp32", "", "FP31", "INT128");

    @Inject
    ValueRegistry values;

    private ManagedChannel channel;
    private GRPCInferenceServiceBlockingStub grpc;
    private final Map<Status.Code, Integer> statuses = new EnumMap<>(Status.Code.class);

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", values.get(GrpcServer.GRPC_PORT)).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void randomAndMutatedRequestsGetClientStatusesAndTheServerKeepsServing() throws Exception {
        Random random = new Random(20261201);
        // Edge cases that are valid: zero rows, typed and raw, get an empty answer.
        for (boolean raw : new boolean[] {false, true}) {
            ModelInferRequest.Builder empty = ModelInferRequest.newBuilder().setModelName("churn").addInputs(
                    InferInputTensor.newBuilder().setName("input").setDatatype("FP32").addShape(0).addShape(4));
            if (raw) {
                empty.addRawInputContents(ByteString.EMPTY);
            }
            assertThat(grpc.withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(empty.build()).getOutputs(0)
                    .getShapeList()).as("zero rows, raw " + raw).containsExactly(0L);
        }
        for (int i = 0; i < RANDOM_CASES; i++) {
            send(randomRequest(random), "random case " + i);
        }
        byte[] valid = validRequest().toByteArray();
        int parsed = 0;
        for (int i = 0; i < MUTATED_CASES; i++) {
            byte[] mutated = mutate(valid, random);
            ModelInferRequest request;
            try {
                request = ModelInferRequest.parseFrom(mutated);
            } catch (InvalidProtocolBufferException e) {
                continue; // grpc-java refuses bytes that do not parse before our code sees them
            }
            parsed++;
            send(request, "mutated case " + i);
        }
        System.out.println("gRPC fuzz: " + RANDOM_CASES + " random and " + parsed + " mutated requests: " + statuses);
        assertThat(parsed).as("mutations that still parse").isGreaterThan(MUTATED_CASES / 10);
        assertThat(statuses.getOrDefault(Status.Code.INVALID_ARGUMENT, 0)).isGreaterThan(RANDOM_CASES / 2);
        assertThat(statuses.getOrDefault(Status.Code.OK, 0)).as("cases that reached the engine and were answered")
                .isGreaterThan(50);

        ModelInferResponse answer = grpc.withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(validRequest());
        assertThat(answer.getOutputs(0).getShapeList()).containsExactly(2L);
    }

    private void send(ModelInferRequest request, String what) {
        Status.Code code;
        try {
            grpc.withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(request);
            code = Status.Code.OK;
        } catch (StatusRuntimeException e) {
            code = e.getStatus().getCode();
            assertThat(CLIENT_STATUSES).as(what + " answered " + e.getStatus() + " to " + request).contains(code);
        }
        statuses.merge(code, 1, Integer::sum);
    }

    private static ModelInferRequest validRequest() {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (int i = 0; i < 8; i++) {
            contents.addFp32Contents(i * 0.25f - 1);
        }
        return ModelInferRequest.newBuilder().setModelName("churn").setModelVersion("3").setId("fuzz")
                .addInputs(InferInputTensor.newBuilder().setName("input").setDatatype("FP32").addShape(2).addShape(4)
                        .setContents(contents))
                .addOutputs(InferRequestedOutputTensor.newBuilder().setName("output")).build();
    }

    /** A request near the served model's signature (input "input", FP32 [-1, 4]), with something off in it. */
    private static ModelInferRequest randomRequest(Random random) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder()
                .setModelName(pick(random, "churn", "churn", "churn", "", "other", "ch urn", "\u0000"))
                .setModelVersion(pick(random, "", "3", "3", "4", "../3"));
        int inputs = random.nextInt(4);
        boolean raw = random.nextInt(3) == 0;
        for (int t = 0; t < inputs; t++) {
            InferInputTensor.Builder input = InferInputTensor.newBuilder()
                    .setName(pick(random, "input", "input", "x", ""))
                    .setDatatype(DATATYPES.get(random.nextInt(DATATYPES.size())));
            int rank = random.nextInt(4);
            long count = 1;
            for (int d = 0; d < rank; d++) {
                long dim = switch (random.nextInt(10)) {
                    case 0 -> -1;
                    case 1 -> 0;
                    case 2 -> Long.MAX_VALUE;
                    case 3 -> 1L << 31;
                    default -> 1 + random.nextInt(5);
                };
                input.addShape(dim);
                count = dim > 0 && dim < 100 ? count * dim : count;
            }
            int values = (int) Math.max(0, Math.min(40, count + random.nextInt(3) - 1));
            if (raw) {
                byte[] bytes = new byte[random.nextInt(3) == 0 ? random.nextInt(64) : values * 4];
                random.nextBytes(bytes);
                request.addRawInputContents(ByteString.copyFrom(bytes));
            } else {
                input.setContents(randomContents(random, values));
            }
            if (random.nextInt(5) == 0) {
                input.putParameters("binary_data_size", InferParameter.newBuilder().setInt64Param(random.nextInt())
                        .build());
            }
            request.addInputs(input);
        }
        if (random.nextInt(3) == 0) {
            request.addOutputs(InferRequestedOutputTensor.newBuilder().setName(pick(random, "output", "nope", "")));
        }
        if (random.nextInt(4) == 0) {
            request.putParameters(pick(random, "binary_data_output", "priority", ""), InferParameter.newBuilder()
                    .setStringParam("x").build());
        }
        return request.build();
    }

    private static InferTensorContents randomContents(Random random, int values) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        int field = random.nextInt(8);
        for (int i = 0; i < values; i++) {
            switch (field) {
                case 0 -> contents.addBoolContents(random.nextBoolean());
                case 1 -> contents.addIntContents(random.nextInt());
                case 2 -> contents.addInt64Contents(random.nextLong());
                case 3 -> contents.addUintContents(random.nextInt());
                case 4 -> contents.addUint64Contents(random.nextLong());
                case 5 -> contents.addFp32Contents(random.nextInt(10) == 0 ? Float.NaN : (float) random.nextGaussian());
                case 6 -> contents.addFp64Contents(random.nextDouble());
                default -> contents.addBytesContents(ByteString.copyFromUtf8("v" + random.nextInt()));
            }
        }
        return contents.build();
    }

    /** The bytes with a few flipped, dropped, duplicated or inserted. */
    private static byte[] mutate(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && out.length > 1; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> out[at] = (byte) random.nextInt(256);
                case 2 -> out = java.util.Arrays.copyOf(out, at);
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
