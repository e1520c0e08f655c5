package io.mlcycle.trainer.data;

import java.util.Locale;

/** How a column is read: numbers as they are, or categories coded 0..k-1 in sorted order of their values. */
public enum ColumnType {
    NUMERIC,
    CATEGORICAL;

    /** A column is numeric when every value that is not missing is a number; an all-missing column is numeric. */
    public static ColumnType of(String[] cells) {
        for (String cell : cells) {
            if (!CellValues.isMissing(cell) && !CellValues.isNumber(cell)) {
                return CATEGORICAL;
            }
        }
        return NUMERIC;
    }

    /** The name the manifest, the reference profile and ModelVersion.spec.features use. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
