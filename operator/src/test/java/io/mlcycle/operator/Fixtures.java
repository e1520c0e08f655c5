package io.mlcycle.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.TrainingJob;

/** Objects for the pure tests, written as the YAML a person or the API server would produce. */
public final class Fixtures {

    /** A result summary as the built-in trainer leaves it, with a field this operator does not know. */
    public static final String TRAINER_RESULT = """
            {"format":"xgboost","artifact":{"uri":"s3://mlcycle/models/churn-train/model.tar.gz","sha256":"%s","size":4096},
             "metrics":{"auc":0.97,"accuracy":0.91},"headlineMetric":"auc",
             "signature":{"inputs":[{"name":"input","datatype":"FP32","shape":[-1,2]}],"outputs":[{"name":"output","datatype":"FP32","shape":[-1]}]},
             "features":[{"name":"tenure","type":"numeric"},{"name":"plan","type":"categorical"}],
             "dataset":{"uri":"s3://mlcycle/data/churn.csv","sha256":"%s"},
             "referenceProfile":{"uri":"s3://mlcycle/models/churn-train/reference-profile.json","samples":800,
               "features":[{"name":"tenure","type":"numeric","binEdges":[0,1,2],"binCounts":[500,300]},
                           {"name":"plan","type":"categorical","frequencies":{"0":500,"1":300}}]},
             "somethingNew":true}
            """.formatted("c".repeat(64), "d".repeat(64));

    private Fixtures() {
    }

    /** A builtin xgboost TrainingJob {@code churn-train} in namespace {@code ml}; {@code specExtra} adds spec lines. */
    public static TrainingJob trainingJob(String specExtra) {
        return Serialization.unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: TrainingJob
                metadata: {name: churn-train, namespace: ml, uid: 6f1c-uid, generation: 3}
                spec:
                  model: churn
                  trainer: {builtin: {algorithm: xgboost, target: churned, hyperparameters: {max_depth: "4"}}}
                  dataset: {uri: "s3://mlcycle/data/churn.csv"}
                  output: {uri: "s3://mlcycle/models/"}
                """ + indent(specExtra), TrainingJob.class);
    }

    /** A custom-image TrainingJob with {@code workers} workers. */
    public static TrainingJob customTrainingJob(int workers, String specExtra) {
        return Serialization.unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: TrainingJob
                metadata: {name: ddp, namespace: ml, uid: 77-uid, generation: 1}
                spec:
                  model: churn
                  workers: %d
                  trainer:
                    image: example.org/ddp:1
                    command: [python3, /opt/train.py]
                    args: [--epochs, "2"]
                    env:
                      - {name: LOG_LEVEL, value: debug}
                      - {name: TOKEN, valueFrom: {secretKeyRef: {name: hub, key: token}}}
                  dataset: {uri: "s3://mlcycle/data/churn.csv"}
                  output: {uri: "s3://mlcycle/models"}
                """.formatted(workers) + indent(specExtra), TrainingJob.class);
    }

    public static ModelVersion modelVersion(String extra) {
        return Serialization.unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: ModelVersion
                metadata: {name: churn-3, namespace: ml, uid: mv-uid, generation: 1}
                spec:
                  model: churn
                  version: "3"
                  format: xgboost
                  artifact: {uri: "s3://mlcycle/models/churn-train/model.tar.gz", sha256: "%s", size: 2048}
                  metrics: {auc: 0.9812, accuracy: 0.93}
                """.formatted("a".repeat(64)) + indent(extra), ModelVersion.class);
    }

    /** A ModelVersion {@code <model>-<version>} of model {@code churn} in {@code ml}, in the given phase and approval. */
    public static ModelVersion servedVersion(String version, String phase, String approval, String format) {
        return Serialization.unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: ModelVersion
                metadata: {name: churn-%1$s, namespace: ml, uid: mv-%1$s-uid, generation: 1,
                           creationTimestamp: "2026-12-01T10:00:0%1$sZ"}
                spec:
                  model: churn
                  version: "%1$s"
                  format: %4$s
                  approval: %3$s
                  artifact: {uri: "s3://mlcycle/models/churn-%1$s/model.tar.gz", sha256: "%5$s"}
                status: {phase: %2$s, validatedSize: 3145728}
                """.formatted(version, phase, approval, format, "b".repeat(64)), ModelVersion.class);
    }

    /** An InferenceService {@code churn} in {@code ml} serving model churn; {@code specExtra} adds spec lines. */
    public static InferenceService inferenceService(String specExtra) {
        return Serialization.unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: churn, namespace: ml, uid: isvc-uid, generation: 2}
                spec:
                """ + indent(specExtra.isBlank() ? "model: {name: churn, track: latest}" : specExtra),
                InferenceService.class);
    }

    public static Job job(String yaml) {
        return Serialization.unmarshal(yaml, Job.class);
    }

    public static Pod pod(String yaml) {
        return Serialization.unmarshal(yaml, Pod.class);
    }

    private static String indent(String lines) {
        return lines.isBlank() ? "" : lines.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    }
}
