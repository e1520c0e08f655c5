package io.mlcycle.runtime.serving;

import io.mlcycle.runtime.tensor.ModelSignature;
import java.util.List;

/** The OIP model metadata response: name, versions, platform (e.g. {@code xgboost_json}) and signature. */
public record ModelMetadata(String name, List<String> versions, String platform, ModelSignature signature) {

    public ModelMetadata {
        versions = List.copyOf(versions);
    }
}
