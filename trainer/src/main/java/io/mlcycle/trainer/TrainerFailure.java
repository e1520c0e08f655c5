package io.mlcycle.trainer;

/** A run that cannot go on: the exit code to end with and one line saying why, for people and the operator. */
public class TrainerFailure extends RuntimeException {

    private final ExitCode exitCode;

    public TrainerFailure(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public TrainerFailure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
