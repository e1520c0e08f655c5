package io.mlcycle.runtime.metrics;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.serving.ModelServer;
import java.util.Optional;

/**
 * The model and version labels of a request: the served model's own, or {@code unknown} when the request names no
 * served model, so clients cannot grow the number of time series by inventing names.
 */
public record ModelLabels(String model, String version) {

    static final ModelLabels UNKNOWN = new ModelLabels("unknown", "unknown");

    public static ModelLabels of(ModelServer server, String name, Optional<String> version) {
        if (name == null) {
            return UNKNOWN;
        }
        try {
            LoadedModel model = server.model(name, version);
            return new ModelLabels(model.name(), model.version());
        } catch (InferenceException e) {
            return UNKNOWN;
        }
    }
}
