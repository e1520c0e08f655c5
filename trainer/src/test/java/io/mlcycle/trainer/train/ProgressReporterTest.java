package io.mlcycle.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The progress line the operator parses, byte for byte, and how often it comes. */
class ProgressReporterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressReporter reporter = new ProgressReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @Test
    void oneCompactLineWithSixSignificantDigits() {
        reporter.report(10, 100, "round", 0.3100000023841858, "logloss", 0.29);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("mlcycle-progress {\"step\":10,\"steps\":100,"
                + "\"unit\":\"round\",\"loss\":0.31,\"metric\":\"logloss\",\"value\":0.29}" + System.lineSeparator());
    }

    @Test
    void aNumberThatIsNotFiniteIsNull() {
        reporter.report(1, 2, "epoch", Double.NaN, "rmse", 123456789.0);

        assertThat(bytes.toString(StandardCharsets.UTF_8).strip()).isEqualTo("mlcycle-progress {\"step\":1,"
                + "\"steps\":2,\"unit\":\"epoch\",\"loss\":null,\"metric\":\"rmse\",\"value\":1.23457E8}");
    }

    @Test
    void aboutTwentyLinesAndAlwaysTheLastStep() {
        assertThat(reported(100)).hasSize(20).startsWith(5, 10).endsWith(100);
        assertThat(reported(30)).hasSize(15).startsWith(2).endsWith(30);
        assertThat(reported(41)).hasSize(14).startsWith(3).endsWith(39, 41);
        assertThat(reported(7)).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(reported(1)).containsExactly(1);
    }

    private static int[] reported(int steps) {
        return IntStream.rangeClosed(1, steps).filter(step -> ProgressReporter.reports(step, steps)).toArray();
    }
}
