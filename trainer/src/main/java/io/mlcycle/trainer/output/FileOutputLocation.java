package io.mlcycle.trainer.output;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A local output folder (created when missing). Each file is written beside its name and renamed into place, so a
 * reader never sees half a file.
 */
public final class FileOutputLocation implements OutputLocation {

    private final Path dir;
    private final String uri;

    public FileOutputLocation(Path dir, String uri) {
        this.dir = dir.toAbsolutePath().normalize();
        this.uri = uri;
    }

    @Override
    public void write(String name, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            // Not a createTempFile: its 0600 mode would hide the outputs from a reader under another uid.
            Path partial = dir.resolve("." + name + ".partial");
            try {
                Files.write(partial, bytes);
                try {
                    Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new TrainerFailure(ExitCode.OUTPUT_FAILED, "cannot write " + uri(name) + ": " + e, e);
        }
    }

    @Override
    public String uri(String name) {
        return uri + "/" + name;
    }

    @Override
    public String toString() {
        return uri;
    }
}
