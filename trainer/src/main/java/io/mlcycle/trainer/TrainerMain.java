package io.mlcycle.trainer;

import io.mlcycle.trainer.data.DatasetFetcher;
import io.mlcycle.trainer.output.ResultSummary;
import java.io.PrintStream;
import java.util.Map;

/**
 * The trainer's entry point: {@code java -cp 'mlcycle-trainer.jar:lib/*' io.mlcycle.trainer.TrainerMain}, configured
 * only by environment variables (see {@code trainer/README.md}). Prints log lines and {@code mlcycle-progress} lines
 * to stdout, then the result summary as the last line ({@code mlcycle-result {...}}), also written as the termination
 * message; on failure one line to stderr and the termination message, and an exit code saying what kind of failure
 * it was ({@link ExitCode}).
 */
public final class TrainerMain {

    private TrainerMain() {
    }

    public static void main(String[] args) {
        // Nothing is ever downloaded: engines come from the class path (the runtime's rule too).
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_FLAVOR", "cpu");
        // DJL and the runtime's classes log through SLF4J: warnings and errors only, to stderr, so stdout stays
        // log lines, progress lines and the result line.
        setIfAbsent("org.jboss.logging.provider", "slf4j");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(run(System.getenv(), System.out, System.err));
    }

    /** One run with this environment; the process's exit code. */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        TerminationMessage termination = TerminationMessage.from(env, err);
        try {
            ResultSummary summary = new TrainingRun(env, out, DatasetFetcher.fromEnvironment(env)).run();
            ResultSummary.TerminationCopy copy = summary.terminationCopy();
            if (!copy.omitted().isEmpty()) {
                out.println("trainer: the result summary is over " + ResultSummary.MAX_TERMINATION_BYTES
                        + " bytes; the termination message leaves out " + copy.omitted() + " (" + ResultSummary.FILE
                        + " has everything)");
            }
            termination.write(copy.json());
            out.println(ResultSummary.STDOUT_PREFIX + summary.compact());
            out.flush();
            return ExitCode.SUCCEEDED.code();
        } catch (TrainerFailure failure) {
            return fail(failure.exitCode(), failure.getMessage(), termination, err);
        } catch (OutOfMemoryError e) {
            return fail(ExitCode.TRAINING_FAILED, "out of memory (" + e.getMessage() + "); give the TrainingJob more "
                    + "memory (spec.resources) or use fewer rows", termination, err);
        } catch (RuntimeException e) {
            e.printStackTrace(err);
            return fail(ExitCode.TRAINING_FAILED, "unexpected " + e, termination, err);
        }
    }

    private static int fail(ExitCode code, String message, TerminationMessage termination, PrintStream err) {
        String line = code.reason() + ": " + message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        err.println(line);
        err.flush();
        termination.write(line);
        return code.code();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
