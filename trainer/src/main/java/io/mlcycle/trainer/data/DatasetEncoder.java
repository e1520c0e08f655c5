package io.mlcycle.trainer.data;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import io.mlcycle.trainer.settings.Task;
import io.mlcycle.trainer.settings.TrainerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a parsed table into model rows: picks the feature columns, types each one ({@link ColumnType#of}), codes
 * categorical features in sorted order of their values, and encodes the target (classes in sorted order, numbers
 * sorted as numbers; or the numeric value for regression). Rows whose target is missing are left out.
 */
public final class DatasetEncoder {

    /** More distinct target values than this is almost surely a regression target given as classification. */
    public static final int MAX_CLASSES = 1000;
    /** ModelVersion.spec.features and the reference profile name features in at most this many characters. */
    public static final int MAX_NAME_LENGTH = 128;

    /** The encoded rows and how many rows were left out for a missing target. */
    public record Encoding(EncodedDataset dataset, int rowsWithoutTarget) {
    }

    private DatasetEncoder() {
    }

    /**
     * @param requestedFeatures the input columns in order; empty means every column except the target, in header
     *     order
     */
    public static Encoding encode(CsvTable table, String targetName, List<String> requestedFeatures, Task task) {
        if (!table.hasColumn(targetName)) {
            throw new TrainerFailure(ExitCode.INVALID_SETTINGS, "target column '" + targetName
                    + "' (MLCYCLE_TARGET) is not in the dataset; its header is " + table.header());
        }
        List<String> featureNames = featureNames(table, targetName, requestedFeatures);
        if (table.rows() == 0) {
            throw invalid("the dataset has a header but no rows");
        }
        String[] targetCells = table.column(targetName);
        List<Integer> kept = new ArrayList<>();
        for (int r = 0; r < targetCells.length; r++) {
            if (!CellValues.isMissing(targetCells[r])) {
                kept.add(r);
            }
        }
        if (kept.isEmpty()) {
            throw invalid("every row's target '" + targetName + "' is missing");
        }
        int rows = kept.size();
        String[] target = select(targetCells, kept);
        TargetEncoding labels = task == Task.REGRESSION ? regression(targetName, target, kept)
                : classification(targetName, target);

        List<Feature> features = new ArrayList<>();
        float[] inputs = new float[rows * featureNames.size()];
        for (int f = 0; f < featureNames.size(); f++) {
            String[] cells = select(table.column(featureNames.get(f)), kept);
            Feature feature = describe(featureNames.get(f), cells);
            features.add(feature);
            Map<String, Integer> codes = feature.codes();
            for (int r = 0; r < rows; r++) {
                String cell = cells[r];
                float value;
                if (CellValues.isMissing(cell)) {
                    value = Float.NaN;
                } else if (feature.type() == ColumnType.NUMERIC) {
                    // +0.0f: a "-0" cell is the same input as "0" to the model and must be to the profile too.
                    value = (float) Double.parseDouble(cell) + 0.0f;
                } else {
                    value = codes.get(cell);
                }
                inputs[r * featureNames.size() + f] = value;
            }
        }
        EncodedDataset dataset = new EncodedDataset(features, labels.target(), rows, inputs, labels.values());
        return new Encoding(dataset, targetCells.length - rows);
    }

    private static List<String> featureNames(CsvTable table, String targetName, List<String> requested) {
        List<String> names;
        if (requested.isEmpty()) {
            names = table.header().stream().filter(name -> !name.equals(targetName)).toList();
        } else {
            List<String> unknown = requested.stream().filter(name -> !table.hasColumn(name)).toList();
            if (!unknown.isEmpty()) {
                throw new TrainerFailure(ExitCode.INVALID_SETTINGS, "MLCYCLE_FEATURES names "
                        + (unknown.size() == 1 ? "column '" + unknown.get(0) + "'" : "columns " + unknown)
                        + " not in the dataset; its header is " + table.header());
            }
            names = requested;
        }
        if (names.isEmpty()) {
            throw invalid("the dataset has no column besides the target '" + targetName + "' to learn from");
        }
        if (names.size() > TrainerSettings.MAX_FEATURES) {
            throw invalid("the dataset has " + names.size() + " feature columns; a ModelVersion holds at most "
                    + TrainerSettings.MAX_FEATURES + " features: choose them with MLCYCLE_FEATURES");
        }
        for (String name : names) {
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
                throw invalid("column name '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
                        + "' must be 1 to " + MAX_NAME_LENGTH + " characters to be a feature name");
            }
        }
        return names;
    }

    private static Feature describe(String name, String[] cells) {
        if (ColumnType.of(cells) == ColumnType.NUMERIC) {
            return Feature.numeric(name);
        }
        TreeSet<String> categories = new TreeSet<>();
        for (String cell : cells) {
            if (!CellValues.isMissing(cell)) {
                categories.add(cell);
            }
        }
        return Feature.categorical(name, List.copyOf(categories));
    }

    /** The target and each row's label: a class code or the value. */
    private record TargetEncoding(Target target, float[] values) {
    }

    private static TargetEncoding regression(String name, String[] cells, List<Integer> rows) {
        float[] values = new float[cells.length];
        for (int r = 0; r < cells.length; r++) {
            if (!CellValues.isNumber(cells[r])) {
                throw invalid("target column '" + name + "' is not numeric (data row " + (rows.get(r) + 1) + ": '"
                        + cells[r] + "'); regression needs a number in every row");
            }
            values[r] = (float) Double.parseDouble(cells[r]);
        }
        return new TargetEncoding(new Target(name, Task.REGRESSION, List.of()), values);
    }

    private static TargetEncoding classification(String name, String[] cells) {
        // Numbers are classes by value, in numeric order ("2" before "10", "1.0" the same class as "1").
        boolean numeric = ColumnType.of(cells) == ColumnType.NUMERIC;
        String[] keys = new String[cells.length];
        TreeMap<Double, String> numbers = new TreeMap<>();
        TreeSet<String> texts = new TreeSet<>();
        for (int r = 0; r < cells.length; r++) {
            if (numeric) {
                double value = Double.parseDouble(cells[r]) + 0.0;
                keys[r] = CellValues.canonical(value);
                numbers.put(value, keys[r]);
            } else {
                keys[r] = cells[r];
                texts.add(cells[r]);
            }
        }
        List<String> classes = numeric ? List.copyOf(numbers.values()) : List.copyOf(texts);
        if (classes.size() < 2) {
            throw invalid("target column '" + name + "' has only one class ('" + classes.get(0)
                    + "'); classification needs at least 2");
        }
        if (classes.size() > MAX_CLASSES) {
            throw invalid("target column '" + name + "' has " + classes.size() + " distinct values, more than "
                    + MAX_CLASSES + " classes; is this a regression (MLCYCLE_TASK=regression)?");
        }
        Map<String, Integer> codes = Feature.categorical(name, classes).codes();
        float[] values = new float[cells.length];
        for (int r = 0; r < cells.length; r++) {
            values[r] = codes.get(keys[r]);
        }
        return new TargetEncoding(new Target(name, Task.CLASSIFICATION, classes), values);
    }

    private static String[] select(String[] cells, List<Integer> rows) {
        String[] selected = new String[rows.size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = cells[rows.get(i)];
        }
        return selected;
    }

    private static TrainerFailure invalid(String message) {
        return new TrainerFailure(ExitCode.INVALID_DATASET, message);
    }
}
