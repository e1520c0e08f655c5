package io.mlcycle.bench.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.mlcycle.runtime.engine.EngineKind;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.engine.ModelManifest;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;

/**
 * A model that takes a table's rows as one FP32 input {@code [-1, width]} and answers nothing, with a manifest naming
 * the table's features and carrying the reference profile: what the runtime's drift profiling sees of a served
 * model, so that only the profiling is measured and judged.
 */
public final class TableModel implements LoadedModel {

    static final String INPUT = "input";

    private final DriftTable table;
    private final ModelManifest manifest;

    public TableModel(DriftTable table, JsonNode referenceProfile) {
        this.table = table;
        List<ModelManifest.Feature> features = new ArrayList<>();
        table.columns().forEach(c -> features.add(new ModelManifest.Feature(c.name(),
                c.categorical() ? "categorical" : "numeric")));
        this.manifest = new ModelManifest(Optional.of(EngineKind.XGBOOST), Optional.empty(), Optional.empty(),
                features, Optional.of(referenceProfile), Optional.empty(), Optional.empty());
    }

    @Override
    public String name() {
        return table.name();
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
        return new ModelSignature(List.of(new TensorSpec(INPUT, Datatype.FP32, new long[] {-1, table.width()})),
                List.of());
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        return List.of();
    }

    @Override
    public void close() {
    }
}
