package io.mlcycle.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Type inference: numeric when every present value is a number. */
class ColumnTypeTest {

    @Test
    void numbersWithGapsAreNumeric() {
        assertThat(ColumnType.of(new String[] {"1", "", "2.5", "NA", "-3e2"})).isEqualTo(ColumnType.NUMERIC);
    }

    @Test
    void oneWordMakesAColumnCategorical() {
        assertThat(ColumnType.of(new String[] {"1", "2", "three"})).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(ColumnType.of(new String[] {"1", "Infinity"})).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void anEmptyColumnIsNumeric() {
        assertThat(ColumnType.of(new String[] {"", "NA"})).isEqualTo(ColumnType.NUMERIC);
        assertThat(ColumnType.of(new String[0])).isEqualTo(ColumnType.NUMERIC);
    }

    @Test
    void namesAreTheApisSpelling() {
        assertThat(ColumnType.NUMERIC.json()).isEqualTo("numeric");
        assertThat(ColumnType.CATEGORICAL.json()).isEqualTo("categorical");
    }
}
