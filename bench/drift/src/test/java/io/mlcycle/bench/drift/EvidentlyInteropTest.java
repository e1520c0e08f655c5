package io.mlcycle.bench.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mlcycle.api.v1alpha1.FeatureDriftResult;
import io.mlcycle.runtime.Scripts;

/**
 * The same generated tables through Evidently 0.7.23's DataDriftPreset (in a virtualenv of its own, made once from
 * PyPI by the runtime's {@code setup-venv.sh}) and through mlcycle's drift path (the trainer's reference profile,
 * three runtime pods sketching the current rows, the operator merging their windows and judging them): on every
 * table, each column gets Evidently's test and verdict, and the dataset its drift share and verdict. Fails, never
 * skips, when Python or the virtualenv cannot be set up.
 */
class EvidentlyInteropTest {

    private static final Path REPO = Path.of("../..");
    private static final Path PYTHON = Path.of("src/main/python");
    private static final List<String> EVIDENTLY = List.of("evidently==0.7.23", "pandas==2.2.3");
    /** Evidently's test names, as its DataDriftTable reports them, against the operator's labels. */
    private static final Map<String, String> TESTS = Map.of("K-S p_value", "ks", "Wasserstein distance (normed)",
            "wasserstein", "Jensen-Shannon distance", "jensenShannon", "chi-square p_value", "chiSquare",
            "Z-test p_value", "z", "PSI", "psi");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How far a distance over sketched numbers may be from Evidently's exact one. */
    private static final double DISTANCE_ERROR = 0.03;

    @TempDir
    static Path tables;
    private static final Map<String, JsonNode> EVIDENTLY_VERDICTS = new TreeMap<>();

    @BeforeAll
    static void judgeWithEvidently() throws IOException {
        List<String> setup = new ArrayList<>(List.of("bash",
                REPO.resolve("inference-runtime/src/test/python/setup-venv.sh").toString(), "evidently-0.7.23"));
        setup.addAll(EVIDENTLY);
        String python = Scripts.lastLine(Scripts.run(Duration.ofMinutes(10), setup));
        Scripts.run(Duration.ofMinutes(2), List.of(python, PYTHON.resolve("drift_tables.py").toString(), "interop",
                tables.toString()));
        List<String> command = new ArrayList<>(List.of(python, PYTHON.resolve("evidently_drift.py").toString()));
        try (Stream<Path> cases = Files.list(tables)) {
            cases.sorted().forEach(c -> command.add(c.toString()));
        }
        for (String line : Scripts.run(Duration.ofMinutes(5), command).lines().toList()) {
            if (line.startsWith("{")) {
                JsonNode verdict = JSON.readTree(line);
                EVIDENTLY_VERDICTS.put(verdict.path("name").asText(), verdict);
            }
        }
        assertThat(EVIDENTLY_VERDICTS).as("Evidently's verdicts").hasSizeGreaterThanOrEqualTo(6);
    }

    static Stream<String> tables() {
        return Stream.of("small-no-drift", "small-drift", "small-ties-missing", "large-no-drift", "large-drift",
                "ties-constant-missing");
    }

    @ParameterizedTest
    @MethodSource("tables")
    void mlcyclesDriftPathReachesEvidentlysVerdicts(String name) {
        JsonNode evidently = EVIDENTLY_VERDICTS.get(name);
        assertThat(evidently).as("Evidently judged " + name).isNotNull();
        DriftTable table = DriftTable.read(tables.resolve(name));
        DriftPath.Outcome outcome = DriftPath.run(table, 3, 50, 2);
        List<String> categorical = table.columns().stream().filter(DriftTable.Column::categorical)
                .map(DriftTable.Column::name).toList();

        Map<String, FeatureDriftResult> ours = new TreeMap<>();
        outcome.verdict().evaluation().getFeatures().forEach(f -> ours.put(f.getName(), f));
        List<String> columns = new ArrayList<>();
        evidently.path("columns").fieldNames().forEachRemaining(columns::add);
        assertThat(ours.keySet()).as("columns judged in " + name).containsExactlyInAnyOrderElementsOf(columns);
        for (String column : columns) {
            JsonNode theirs = evidently.path("columns").path(column);
            FeatureDriftResult mine = ours.get(column);
            String what = name + "/" + column + " (Evidently " + theirs + ", mlcycle " + mine.getTest() + " "
                    + mine.getScore() + ")";
            assertThat(mine.getTest()).as("test of " + what).isEqualTo(TESTS.get(theirs.path("test").asText()));
            assertThat(mine.getThreshold()).as("threshold of " + what).isEqualTo(theirs.path("threshold").asDouble());
            assertThat(mine.getDrifted()).as("verdict of " + what).isEqualTo(theirs.path("drifted").asBoolean());
            double score = theirs.path("score").asDouble();
            if (categorical.contains(column)) {
                // Categories are counted exactly on both sides: the same counts, the same statistic.
                assertThat(mine.getScore()).as("score of " + what).isCloseTo(score, within(1e-12 + score * 1e-6));
            } else if (!List.of("ks", "z", "chiSquare").contains(mine.getTest())) {
                // A distance over numbers read from sketches: the reference's quantiles (1001 ranks) and the pods'
                // KLL sketches (k = 200, about 1.3% rank error; their compactions draw random bits) move it a little.
                // 400 runs of every table here: at most 0.020 off (a heavy-tailed column), never a verdict changed.
                // A p-value's move depends on the statistic's, so for those only the verdict is compared.
                assertThat(mine.getScore()).as("score of " + what).isCloseTo(score, within(DISTANCE_ERROR));
            }
        }
        assertThat(outcome.verdict().evaluation().getDriftShare()).as("drift share of " + name)
                .isCloseTo(evidently.path("share").asDouble(), within(1e-9));
        assertThat(outcome.verdict().drifted()).as("dataset verdict of " + name)
                .isEqualTo(evidently.path("drifted").asBoolean());
        assertThat(outcome.verdict().evaluation().getSamples()).as("rows the pods' windows hold")
                .isEqualTo(outcome.profiles().stream().mapToLong(p -> p.path("rows").asLong()).sum());
    }
}
