package io.mlcycle.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import io.mlcycle.trainer.settings.Task;
import io.mlcycle.trainer.settings.TrainerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feature typing and coding, target encoding, and the dataset problems that stop a run. */
class DatasetEncoderTest {

    /** A table from columns given as {"name", cell, cell, ...}. */
    private static CsvTable table(String[]... columns) {
        List<String> header = new ArrayList<>();
        List<String[]> cells = new ArrayList<>();
        for (String[] column : columns) {
            header.add(column[0]);
            cells.add(Arrays.copyOfRange(column, 1, column.length));
        }
        return new CsvTable(header, cells, columns[0].length - 1);
    }

    private static final CsvTable CHURN = table(
            new String[] {"tenure", "3", "NA", "5.5", "1", ""},
            new String[] {"plan", "pro", "basic", "plus", "basic", ""},
            new String[] {"churned", "yes", "no", "no", "yes", "no"});

    @Test
    void categoriesAreCodedInSortedOrderAndMissingValuesAreNaN() {
        EncodedDataset data = DatasetEncoder.encode(CHURN, "churned", List.of(), Task.CLASSIFICATION).dataset();

        assertThat(data.features()).containsExactly(Feature.numeric("tenure"),
                Feature.categorical("plan", List.of("basic", "plus", "pro")));
        assertThat(data.column(0)).containsExactly(3f, Float.NaN, 5.5f, 1f, Float.NaN);
        assertThat(data.column(1)).containsExactly(2f, 0f, 1f, 0f, Float.NaN);
        assertThat(data.target().classes()).containsExactly("no", "yes");
        assertThat(data.labels()).containsExactly(1f, 0f, 0f, 1f, 0f);
    }

    @Test
    void requestedFeaturesKeepTheirOrder() {
        EncodedDataset data = DatasetEncoder.encode(CHURN, "churned", List.of("plan", "tenure"),
                Task.CLASSIFICATION).dataset();

        assertThat(data.features()).extracting(Feature::name).containsExactly("plan", "tenure");
        assertThat(data.inputs()).startsWith(2f, 3f);
    }

    @Test
    void numericClassesAreOrderedAsNumbersAndOneDotZeroIsOne() {
        CsvTable table = table(new String[] {"x", "1", "2", "3", "4", "5"},
                new String[] {"grade", "10", "2", "2.0", "1", "-1"});

        EncodedDataset data = DatasetEncoder.encode(table, "grade", List.of(), Task.CLASSIFICATION).dataset();

        assertThat(data.target().classes()).containsExactly("-1", "1", "2", "10");
        assertThat(data.labels()).containsExactly(3f, 2f, 2f, 1f, 0f);
    }

    @Test
    void rowsWithoutATargetAreLeftOut() {
        CsvTable table = table(new String[] {"x", "1", "2", "3"}, new String[] {"y", "1.5", "", "2.5"});

        DatasetEncoder.Encoding encoding = DatasetEncoder.encode(table, "y", List.of(), Task.REGRESSION);

        assertThat(encoding.rowsWithoutTarget()).isEqualTo(1);
        assertThat(encoding.dataset().rows()).isEqualTo(2);
        assertThat(encoding.dataset().inputs()).containsExactly(1f, 3f);
        assertThat(encoding.dataset().labels()).containsExactly(1.5f, 2.5f);
        assertThat(encoding.dataset().target().classes()).isEmpty();
    }

    @Test
    void aMissingTargetColumnIsNamedWithTheHeader() {
        assertThatThrownBy(() -> DatasetEncoder.encode(CHURN, "label", List.of(), Task.CLASSIFICATION))
                .isInstanceOf(TrainerFailure.class)
                .hasMessage("target column 'label' (MLCYCLE_TARGET) is not in the dataset; its header is "
                        + "[tenure, plan, churned]")
                .extracting(e -> ((TrainerFailure) e).exitCode()).isEqualTo(ExitCode.INVALID_SETTINGS);
    }

    @Test
    void regressionNeedsANumericTarget() {
        assertThatThrownBy(() -> DatasetEncoder.encode(CHURN, "churned", List.of(), Task.REGRESSION))
                .hasMessage("target column 'churned' is not numeric (data row 1: 'yes'); regression needs a number "
                        + "in every row")
                .extracting(e -> ((TrainerFailure) e).exitCode()).isEqualTo(ExitCode.INVALID_DATASET);
    }

    @Test
    void classificationNeedsTwoClasses() {
        CsvTable table = table(new String[] {"x", "1", "2"}, new String[] {"y", "a", "a"});

        assertThatThrownBy(() -> DatasetEncoder.encode(table, "y", List.of(), Task.CLASSIFICATION))
                .hasMessageContaining("has only one class ('a')")
                .extracting(e -> ((TrainerFailure) e).exitCode()).isEqualTo(ExitCode.INVALID_DATASET);
    }

    @Test
    void moreFeaturesThanAModelVersionHoldsAreRefused() {
        String[][] columns = new String[TrainerSettings.MAX_FEATURES + 2][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = new String[] {"c" + c, "1", "0"};
        }
        CsvTable wide = table(columns);

        assertThatThrownBy(() -> DatasetEncoder.encode(wide, "c0", List.of(), Task.CLASSIFICATION))
                .hasMessageContaining("257 feature columns; a ModelVersion holds at most 256");
    }

    @Test
    void aHeaderWithoutRowsIsAnInvalidDataset() {
        CsvTable empty = new CsvTable(List.of("x", "y"), List.of(new String[0], new String[0]), 0);

        assertThatThrownBy(() -> DatasetEncoder.encode(empty, "y", List.of(), Task.CLASSIFICATION))
                .hasMessage("the dataset has a header but no rows");
    }
}
