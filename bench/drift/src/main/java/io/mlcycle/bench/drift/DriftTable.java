package io.mlcycle.bench.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A table that {@code drift_tables.py} wrote: {@code table.json} (name, row counts, columns) and the reference and
 * current rows as column-major little-endian FP32 files. Columns are read whole (the trainer holds its training set)
 * or rows in batches (live traffic arrives in requests), never the whole current table at once.
 */
public record DriftTable(Path directory, String name, int referenceRows, int currentRows, List<Column> columns) {

    /** One column: its name and whether it holds numbers or category codes. */
    public record Column(String name, boolean categorical) {
    }

    public DriftTable {
        columns = List.copyOf(columns);
    }

    public static DriftTable read(Path directory) {
        try {
            JsonNode meta = new ObjectMapper().readTree(directory.resolve("table.json").toFile());
            List<Column> columns = new ArrayList<>();
            meta.path("columns").forEach(c -> columns.add(new Column(c.path("name").asText(),
                    "categorical".equals(c.path("type").asText()))));
            return new DriftTable(directory, meta.path("name").asText(), meta.path("reference").asInt(),
                    meta.path("current").asInt(), columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int width() {
        return columns.size();
    }

    /** The reference rows, row-major {@code [rows, width]}, as the trainer's encoded dataset holds them. */
    public float[] readReference() {
        float[] rows = new float[referenceRows * width()];
        try (FileChannel file = FileChannel.open(directory.resolve("reference.f32"), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(referenceRows * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < width(); c++) {
                buffer.clear();
                readFully(file, buffer, (long) c * referenceRows * Float.BYTES);
                buffer.flip();
                for (int r = 0; r < referenceRows; r++) {
                    rows[r * width() + c] = buffer.getFloat();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Reads current rows in batches, row-major; safe to use from several threads, each with its own reader. */
    public BatchReader currentBatches() {
        try {
            return new BatchReader(FileChannel.open(directory.resolve("current.f32"), StandardOpenOption.READ));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Positional reads of the current rows {@code [first, first + count)}, one column slice at a time. */
    public final class BatchReader implements AutoCloseable {
        private final FileChannel file;
        private ByteBuffer buffer = ByteBuffer.allocate(0);

        private BatchReader(FileChannel file) {
            this.file = file;
        }

        public float[] rows(int first, int count) {
            if (buffer.capacity() < count * Float.BYTES) {
                buffer = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            }
            float[] rows = new float[count * width()];
            try {
                for (int c = 0; c < width(); c++) {
                    buffer.clear().limit(count * Float.BYTES);
                    readFully(file, buffer, ((long) c * currentRows + first) * Float.BYTES);
                    buffer.flip();
                    for (int r = 0; r < count; r++) {
                        rows[r * width() + c] = buffer.getFloat();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rows;
        }

        @Override
        public void close() {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void readFully(FileChannel file, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = file.read(buffer, at);
            if (read < 0) {
                throw new IOException("table file ends at byte " + at);
            }
            at += read;
        }
    }
}
