package io.mlcycle.trainer.data;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV file with a header row, as text cells by column. RFC 4180 quoting, UTF-8 (a byte-order mark is skipped),
 * surrounding spaces trimmed, blank lines skipped; every row must have as many cells as the header.
 */
public final class CsvTable {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .get();

    private final List<String> header;
    private final List<String[]> columns;
    private final int rows;

    public CsvTable(List<String> header, List<String[]> columns, int rows) {
        this.header = List.copyOf(header);
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    /** Parses the file; a malformed one is an invalid dataset (exit 5) naming the line. */
    public static CsvTable read(Path file) {
        // Strict decoding: a file that is not UTF-8 fails here rather than training on mangled categories.
        Reader reader;
        try {
            reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (IOException e) {
            throw new TrainerFailure(ExitCode.DATASET_UNREADABLE, "cannot open the fetched dataset: " + e.getMessage(),
                    e);
        }
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            List<String> header = parser.getHeaderNames().stream().map(CsvTable::withoutByteOrderMark).toList();
            if (header.isEmpty()) {
                throw invalid("the dataset is empty: no header row");
            }
            List<List<String>> cells = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                cells.add(new ArrayList<>());
            }
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw invalid("dataset line " + parser.getCurrentLineNumber() + " has " + record.size()
                            + " values but the header has " + header.size() + " columns");
                }
                for (int c = 0; c < header.size(); c++) {
                    cells.get(c).add(record.get(c));
                }
            }
            int rows = cells.get(0).size();
            return new CsvTable(header, cells.stream().map(list -> list.toArray(String[]::new)).toList(), rows);
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IOException e) {
            throw unreadable(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw invalid("the dataset is not valid CSV with a header row: " + e.getMessage());
        }
    }

    private static TrainerFailure unreadable(IOException e) {
        if (e instanceof CharacterCodingException) {
            return invalid("the dataset is not UTF-8 text (" + e + ")");
        }
        return invalid("the dataset is not valid CSV with a header row: " + e.getMessage());
    }

    private static String withoutByteOrderMark(String name) {
        return name.startsWith("\uFEFF") ? name.substring(1).trim() : name;
    }

    public List<String> header() {
        return header;
    }

    public int rows() {
        return rows;
    }

    public boolean hasColumn(String name) {
        return header.contains(name);
    }

    /** The cells of a column, top to bottom. */
    public String[] column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return columns.get(index);
    }

    private static TrainerFailure invalid(String message) {
        return new TrainerFailure(ExitCode.INVALID_DATASET, message);
    }
}
