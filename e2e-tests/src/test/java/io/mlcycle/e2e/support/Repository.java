package io.mlcycle.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of the mlcycle repository the tests use: crds/, examples/, the built operator. */
public final class Repository {

    private final Path root = Path.of(System.getProperty("mlcycle.repo", "..")).toAbsolutePath().normalize();

    public Path root() {
        return root;
    }

    public List<Path> crds() {
        return yamlFiles(root.resolve("crds"));
    }

    public List<Path> examples() {
        return yamlFiles(root.resolve("examples"));
    }

    public Path example(String relative) {
        return root.resolve("examples").resolve(relative);
    }

    public Path operatorJar() {
        return root.resolve("operator/target/quarkus-app/quarkus-run.jar");
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
