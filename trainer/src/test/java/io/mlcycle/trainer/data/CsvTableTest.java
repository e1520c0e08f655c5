package io.mlcycle.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing CSV files with a header row. */
class CsvTableTest {

    @TempDir
    Path dir;

    @Test
    void quotedCellsTrimmedCellsAndAByteOrderMark() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "\uFEFFname, amount\n\"Smith, J\", 3\n\n\"say \"\"hi\"\"\",4\n");

        CsvTable table = CsvTable.read(file);

        assertThat(table.header()).containsExactly("name", "amount");
        assertThat(table.rows()).isEqualTo(2);
        assertThat(table.column("name")).containsExactly("Smith, J", "say \"hi\"");
        assertThat(table.column("amount")).containsExactly("3", "4");
    }

    @Test
    void aRowOfTheWrongWidthIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n3\n");

        assertThatThrownBy(() -> CsvTable.read(file)).isInstanceOf(TrainerFailure.class)
                .hasMessage("dataset line 3 has 1 values but the header has 2 columns")
                .extracting(e -> ((TrainerFailure) e).exitCode()).isEqualTo(ExitCode.INVALID_DATASET);
    }

    @Test
    void duplicateColumnNamesAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "a,a\n1,2\n");

        assertThatThrownBy(() -> CsvTable.read(file)).hasMessageStartingWith("the dataset is not valid CSV");
    }

    @Test
    void anEmptyFileHasNoHeader() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "");

        assertThatThrownBy(() -> CsvTable.read(file)).hasMessage("the dataset is empty: no header row");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        Path file = Files.write(dir.resolve("a.csv"), new byte[] {'a', '\n', (byte) 0xff, (byte) 0xfe, '\n'});

        assertThatThrownBy(() -> CsvTable.read(file)).hasMessageStartingWith("the dataset is not UTF-8 text")
                .extracting(e -> ((TrainerFailure) e).exitCode()).isEqualTo(ExitCode.INVALID_DATASET);
    }
}
