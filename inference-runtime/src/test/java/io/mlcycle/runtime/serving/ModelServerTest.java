package io.mlcycle.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.batching.BatchObserver;
import io.mlcycle.runtime.batching.BatchingPolicy;
import io.mlcycle.runtime.batching.BatchingSettings;
import io.mlcycle.runtime.engine.EngineKind;
import io.mlcycle.runtime.engine.GoldenExamples;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.engine.ModelManifest;
import io.mlcycle.runtime.engine.WrongAnswersException;
import io.mlcycle.runtime.registry.ModelRegistry;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The serving core against a hand-written fake model: readiness, validation, versions, errors. */
class ModelServerTest {

    /** A model that doubles "x" into "twice" and sums each row into "sum"; counts its calls. */
    static class DoublingModel implements LoadedModel {
        final String version;
        int calls;
        boolean closed;

        DoublingModel(String version) {
            this.version = version;
        }

        @Override
        public String name() {
            return "doubler";
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public EngineKind engine() {
            return EngineKind.ONNXRUNTIME;
        }

        @Override
        public ModelSignature signature() {
            return new ModelSignature(List.of(new TensorSpec("x", Datatype.FP32, new long[] {-1, 2})),
                    List.of(new TensorSpec("twice", Datatype.FP32, new long[] {-1, 2}),
                            new TensorSpec("sum", Datatype.FP32, new long[] {-1})));
        }

        @Override
        public List<Tensor> predict(List<Tensor> inputs) {
            calls++;
            float[] x = (float[]) inputs.get(0).data();
            float[] twice = new float[x.length];
            float[] sum = new float[x.length / 2];
            for (int i = 0; i < x.length; i++) {
                twice[i] = 2 * x[i];
                sum[i / 2] += x[i];
            }
            long rows = inputs.get(0).shape()[0];
            return List.of(Tensor.of("twice", new long[] {rows, 2}, twice), Tensor.of("sum", new long[] {rows}, sum));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final ModelRegistry registry = new ModelRegistry();
    private final ModelServer server = new ModelServer(registry, new ServerMetadata("mlcycle", "0", List.of()),
            new BatchingPolicy(new BatchingSettings(1, Duration.ZERO, 4, 1), BatchObserver.NONE));

    private static InferenceRequest request(Tensor... inputs) {
        return InferenceRequest.of(List.of(inputs));
    }

    @Test
    void isReadyOnlyAfterAWarmedUpModelIsRegistered() {
        assertThat(server.isLive()).isTrue();
        assertThat(server.isReady()).isFalse();
        DoublingModel model = new DoublingModel("1");
        server.serve(model);
        assertThat(model.calls).as("warm-up inference").isEqualTo(1);
        assertThat(server.isReady()).isFalse();
        server.markReady();
        assertThat(server.isReady()).isTrue();
        server.markFailed("boom");
        assertThat(server.isLive()).isFalse();
        assertThat(server.failure()).contains("boom");
    }

    @Test
    void aModelThatDoesNotAnswerItsGoldenExamplesIsNeverServed() {
        GoldenExamples.Example row = new GoldenExamples.Example("x", Optional.empty(), new long[] {1, 2},
                new double[] {1, 2});
        GoldenExamples wrongSum = new GoldenExamples(List.of(row), List.of(new GoldenExamples.Example("sum",
                Optional.empty(), new long[] {1}, new double[] {4})), GoldenExamples.Tolerance.DEFAULT);
        DoublingModel model = new DoublingModel("1") {
            @Override
            public ModelManifest manifest() {
                return ModelManifest.empty().withExamples(wrongSum);
            }
        };
        assertThatThrownBy(() -> server.serve(model)).isInstanceOf(WrongAnswersException.class)
                .hasMessageContaining("output 'sum' row 0 value 0: 3.0 where the writer computed 4.0");
        assertThat(registry.isEmpty()).isTrue();
    }

    @Test
    void infersAndKeepsOnlyTheOutputsAskedFor() {
        server.serve(new DoublingModel("1"));
        InferenceResponse all = server.infer("doubler", Optional.empty(),
                request(Tensor.of("x", new long[] {1, 2}, 1f, 2f)));
        assertThat(all.outputs()).extracting(Tensor::name).containsExactly("twice", "sum");
        assertThat((float[]) all.outputs().get(1).data()).containsExactly(3f);

        InferenceRequest onlySum = new InferenceRequest("id-1", List.of(Tensor.of("x", new long[] {1, 2}, 1f, 2f)),
                List.of("sum"), Map.of());
        InferenceResponse some = server.infer("doubler", Optional.of("1"), onlySum);
        assertThat(some.outputs()).extracting(Tensor::name).containsExactly("sum");
        assertThat(some.id()).isEqualTo("id-1");
        assertThat(some.modelVersion()).isEqualTo("1");
    }

    @Test
    void refusesRequestsThatDoNotFitTheSignature() {
        server.serve(new DoublingModel("1"));
        assertBad(request(Tensor.of("y", new long[] {1, 2}, 1f, 2f)), "unknown input 'y'; model 'doubler' takes [x]");
        assertBad(request(Tensor.of("x", new long[] {1, 2}, 1d, 2d)),
                "input 'x' has datatype FP64 but model 'doubler' expects FP32");
        assertBad(request(Tensor.of("x", new long[] {1, 3}, 1f, 2f, 3f)),
                "input 'x' has shape [1, 3] but model 'doubler' expects [-1, 2] (-1 = any size)");
        assertBad(new InferenceRequest(null, List.of(Tensor.of("x", new long[] {1, 2}, 1f, 2f)), List.of("proba"),
                Map.of()), "unknown output 'proba'; model 'doubler' returns [twice, sum]");
    }

    @Test
    void answersNotFoundForUnknownModelsAndVersionsAndDefaultsToTheLatestVersion() {
        DoublingModel first = new DoublingModel("1");
        server.serve(first);
        server.serve(new DoublingModel("2"));
        server.markReady();
        assertThat(server.model("doubler", Optional.empty()).version()).isEqualTo("2");
        assertThat(server.modelMetadata("doubler", Optional.empty()).versions()).containsExactly("1", "2");
        assertThat(server.modelMetadata("doubler", Optional.of("1")).platform()).isEqualTo("onnxruntime_onnx");
        assertThatThrownBy(() -> server.model("nope", Optional.empty()))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.NOT_FOUND))
                .hasMessage("unknown model 'nope'");
        assertThatThrownBy(() -> server.model("doubler", Optional.of("9")))
                .hasMessage("model 'doubler' has no version '9' (versions: [1, 2])");
        DoublingModel replacement = new DoublingModel("1");
        server.serve(replacement);
        assertThat(first.closed).as("a replaced version is closed").isTrue();
    }

    @Test
    void modelsAreUnavailableRatherThanUnknownWhileStartingOrAfterAFailedLoad() {
        assertThatThrownBy(() -> server.infer("doubler", Optional.empty(),
                request(Tensor.of("x", new long[] {1, 2}, 1f, 2f))))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.UNAVAILABLE))
                .hasMessage("model 'doubler' is not ready: the server is still loading its models");
        server.markFailed("digest mismatch");
        assertThatThrownBy(() -> server.model("doubler", Optional.empty()))
                .hasMessage("model 'doubler' is not available: loading failed (digest mismatch)");
    }

    @Test
    void engineFailuresAreInternalErrorsNamingTheModel() {
        LoadedModel failing = new DoublingModel("1") {
            @Override
            public List<Tensor> predict(List<Tensor> inputs) {
                if (calls++ > 0) {
                    throw new IllegalStateException("native crash");
                }
                return super.predict(inputs);
            }
        };
        server.serve(failing);
        assertThatThrownBy(() -> server.infer("doubler", Optional.empty(),
                request(Tensor.of("x", new long[] {1, 2}, 1f, 2f))))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.INTERNAL))
                .hasMessage("model 'doubler' failed: native crash");
    }

    private void assertBad(InferenceRequest request, String message) {
        assertThatThrownBy(() -> server.infer("doubler", Optional.empty(), request))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.BAD_REQUEST))
                .hasMessage(message);
    }
}
