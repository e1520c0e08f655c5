package io.mlcycle.operator.desired;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels mlcycle puts on what it creates, so {@code kubectl get -l} finds a model's or a run's objects. */
public final class Labels {

    public static final String MODEL = "mlcycle.io/model";
    public static final String VERSION = "mlcycle.io/version";
    public static final String TRAINING_JOB = "mlcycle.io/training-job";
    /** On a registered ModelVersion: the uid of the TrainingJob run that produced it, so a retry finds it again. */
    public static final String TRAINING_JOB_UID = "mlcycle.io/training-job-uid";
    public static final String MODEL_VERSION = "mlcycle.io/model-version";
    public static final String INFERENCE_SERVICE = "mlcycle.io/inferenceservice";
    /** One served ModelVersion of an InferenceService: its Deployment, Service, pods, PodDisruptionBudget and HPA. */
    public static final String REVISION = "mlcycle.io/revision";
    /** On pods: the uid of the resource they work for, so a namesake's leftovers are never taken for its own. */
    public static final String OWNER_UID = "mlcycle.io/owner-uid";
    /** Annotation on pods: the full name of the resource they work for (labels stop at 63 characters). */
    public static final String OWNER_NAME = "mlcycle.io/owner";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "mlcycle-operator";

    private Labels() {
    }

    /** The labels every child of a resource carries, plus {@code component}. */
    static Map<String, String> of(String component, String... keysAndValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(COMPONENT, component);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            labels.put(keysAndValues[i], LabelValues.fit(keysAndValues[i + 1]));
        }
        return labels;
    }
}
