package io.mlcycle.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as missing, as a number, and how numbers are named as categories. */
class CellValuesTest {

    @Test
    void missingCells() {
        assertThat(CellValues.isMissing("")).isTrue();
        assertThat(CellValues.isMissing("NA")).isTrue();
        assertThat(CellValues.isMissing("NaN")).isTrue();
        assertThat(CellValues.isMissing("na")).isFalse();
        assertThat(CellValues.isMissing("0")).isFalse();
        assertThat(CellValues.number("NA")).isNaN();
    }

    @Test
    void decimalLiteralsAreNumbers() {
        for (String number : new String[] {"0", "-3", "+2", "1.5", "-.5", "7.", "1e-3", "2.5E+4"}) {
            assertThat(CellValues.isNumber(number)).as(number).isTrue();
        }
    }

    @Test
    void otherTextIsNot() {
        for (String text : new String[] {"Infinity", "-Infinity", "0x10", "1e400", "1,5", "1.2.3", "12f", "e5", "- 1",
                "abc", ""}) {
            assertThat(CellValues.isNumber(text)).as(text).isFalse();
        }
    }

    @Test
    void numbersAsCategoriesAreNamedAsTheRuntimeNamesThem() {
        assertThat(CellValues.canonical(2.0)).isEqualTo("2");
        assertThat(CellValues.canonical(-7)).isEqualTo("-7");
        assertThat(CellValues.canonical(2.5)).isEqualTo("2.5");
        assertThat(CellValues.canonical(0.0)).isEqualTo("0");
    }
}
