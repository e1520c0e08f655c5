package io.mlcycle.bench.drift;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mlcycle.trainer.data.EncodedDataset;
import io.mlcycle.trainer.data.Feature;
import io.mlcycle.trainer.data.Target;
import io.mlcycle.trainer.profile.ReferenceProfileBuilder;
import io.mlcycle.trainer.settings.Task;

/**
 * The reference profile the trainer writes for a table's reference rows ({@code reference-profile.json}): its
 * {@link ReferenceProfileBuilder} over the rows encoded as the trainer encodes them, category codes included.
 */
public final class TrainerReference {

    private TrainerReference() {
    }

    /** The profile JSON, as ModelVersion.spec.referenceProfile and the model's manifest carry it. */
    public static JsonNode profile(DriftTable table, float[] rows, ObjectMapper json) {
        List<Feature> features = new ArrayList<>();
        for (int c = 0; c < table.width(); c++) {
            DriftTable.Column column = table.columns().get(c);
            features.add(column.categorical() ? Feature.categorical(column.name(), codes(rows, c, table.width()))
                    : Feature.numeric(column.name()));
        }
        // No labels: the profile describes inputs only, and the dataset requires one label per row.
        EncodedDataset dataset = new EncodedDataset(features, new Target("none", Task.REGRESSION, List.of()),
                table.referenceRows(), rows, new float[table.referenceRows()]);
        return json.valueToTree(ReferenceProfileBuilder.of(dataset));
    }

    /** The categories "0" … "max" of a column of codes, as the trainer names encoded categories. */
    private static List<String> codes(float[] rows, int column, int width) {
        int max = 0;
        for (int i = column; i < rows.length; i += width) {
            if (!Float.isNaN(rows[i])) {
                max = Math.max(max, (int) rows[i]);
            }
        }
        List<String> codes = new ArrayList<>();
        for (int code = 0; code <= max; code++) {
            codes.add(Integer.toString(code));
        }
        return codes;
    }
}
