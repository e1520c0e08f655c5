package io.mlcycle.trainer.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One input column of the model: its name, its type and, for a categorical one, its categories in code order (the
 * value coded {@code i} is {@code categories.get(i)}).
 */
public record Feature(String name, ColumnType type, List<String> categories) {

    public Feature {
        categories = List.copyOf(categories);
    }

    public static Feature numeric(String name) {
        return new Feature(name, ColumnType.NUMERIC, List.of());
    }

    public static Feature categorical(String name, List<String> sortedCategories) {
        return new Feature(name, ColumnType.CATEGORICAL, sortedCategories);
    }

    /** Category → code, for encoding a column. */
    public Map<String, Integer> codes() {
        Map<String, Integer> codes = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            codes.put(categories.get(i), i);
        }
        return codes;
    }
}
