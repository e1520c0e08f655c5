package io.mlcycle.runtime.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcycle.runtime.engine.EngineKind;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.engine.ModelManifest;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.List;
import java.util.Optional;

/**
 * A fake tabular model: FP32 input "x" of shape [-1, 2] (features "age", numeric, and "plan", categorical, per its
 * manifest), outputs "score" [-1] = the row's first column and "odds" [-1, 2] = {plan, age / 20}, class scores whose
 * largest picks a class. Predicts in plain Java, for recorder tests.
 */
final class TabularModel implements LoadedModel {

    private final ModelManifest manifest;

    TabularModel(Optional<JsonNode> reference) {
        this.manifest = new ModelManifest(Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(new ModelManifest.Feature("age", "numeric"), new ModelManifest.Feature("plan", "categorical")),
                reference, Optional.empty(), Optional.empty());
    }

    /** One batch of rows {age, plan}. */
    static List<Tensor> batch(float[][] rows) {
        float[] data = new float[rows.length * 2];
        for (int r = 0; r < rows.length; r++) {
            data[2 * r] = rows[r][0];
            data[2 * r + 1] = rows[r][1];
        }
        return List.of(Tensor.of("x", new long[] {rows.length, 2}, data));
    }

    @Override
    public String name() {
        return "tabular";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public EngineKind engine() {
        return EngineKind.XGBOOST;
    }

    @Override
    public ModelSignature signature() {
        return new ModelSignature(List.of(new TensorSpec("x", Datatype.FP32, new long[] {-1, 2})),
                List.of(new TensorSpec("score", Datatype.FP32, new long[] {-1}),
                        new TensorSpec("odds", Datatype.FP32, new long[] {-1, 2})));
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        float[] x = (float[]) inputs.get(0).data();
        float[] score = new float[x.length / 2];
        float[] odds = new float[x.length];
        for (int r = 0; r < score.length; r++) {
            score[r] = x[2 * r];
            odds[2 * r] = x[2 * r + 1];
            odds[2 * r + 1] = x[2 * r] / 20;
        }
        return List.of(Tensor.of("score", new long[] {score.length}, score),
                Tensor.of("odds", new long[] {score.length, 2}, odds));
    }

    @Override
    public void close() {
    }
}
