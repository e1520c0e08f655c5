package io.mlcycle.operator.desired;

import io.mlcycle.api.v1alpha1.ModelVersion;
import java.util.Collection;

/** The next version number of a model: one above the highest integer {@code spec.version} among its versions. */
public final class VersionNumbers {

    private VersionNumbers() {
    }

    public static long next(String model, Collection<ModelVersion> versions) {
        long highest = 0;
        for (ModelVersion version : versions) {
            if (version.getSpec() == null || !model.equals(version.getSpec().getModel())) {
                continue;
            }
            String label = version.getSpec().getVersion();
            if (label != null && label.matches("[0-9]{1,18}")) {
                highest = Math.max(highest, Long.parseLong(label));
            }
        }
        return highest + 1;
    }
}
