package io.mlcycle.trainer;

/** The trainer's exit codes, one per kind of failure, so a TrainingJob's status can say what went wrong. */
public enum ExitCode {
    SUCCEEDED(0, "succeeded"),
    INVALID_SETTINGS(2, "invalid settings"),
    DATASET_UNREADABLE(3, "dataset unreadable"),
    DATASET_DIGEST_MISMATCH(4, "dataset digest mismatch"),
    INVALID_DATASET(5, "invalid dataset"),
    TRAINING_FAILED(6, "training failed"),
    OUTPUT_FAILED(7, "output failed");

    private final int code;
    private final String reason;

    ExitCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    /** A few words that start the failure's line, e.g. {@code invalid dataset}. */
    public String reason() {
        return reason;
    }
}
