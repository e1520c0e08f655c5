package io.mlcycle.runtime.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides which engine loads a model directory and which file it loads: an explicit setting first, then the
 * manifest's {@code format}, then the files present. Ambiguity is an error, never a guess.
 */
public final class EngineSelector {

    /** What was chosen: the engine, the model file, and the manifest (empty when there is none). */
    public record Selection(EngineKind engine, Path modelFile, ModelManifest manifest) {
    }

    private final ObjectMapper mapper;

    public EngineSelector(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Selection select(Optional<EngineKind> explicit, Path modelDir) {
        Path root = contentRoot(modelDir);
        Path manifestFile = root.resolve(ModelManifest.FILE_NAME);
        ModelManifest manifest = Files.isRegularFile(manifestFile)
                ? ModelManifest.read(manifestFile, mapper) : ModelManifest.empty();
        if (manifest.file().isPresent()) {
            Path file = inside(root, manifest.file().get());
            EngineKind engine = explicit.or(manifest::format).or(() -> byExtension(file))
                    .orElseThrow(() -> new ModelLoadException("cannot tell the engine of " + file.getFileName()
                            + ": set 'format' in " + ModelManifest.FILE_NAME + " or the engine explicitly"));
            return new Selection(engine, file, manifest);
        }
        Map<EngineKind, List<Path>> candidates = candidates(root);
        Optional<EngineKind> chosen = explicit.or(manifest::format);
        EngineKind engine = chosen.orElseGet(() -> {
            if (candidates.size() > 1) {
                throw new ModelLoadException("model files for several engines in " + root + ": " + candidates.values()
                        + "; set the engine explicitly or 'format' in " + ModelManifest.FILE_NAME);
            }
            return candidates.keySet().stream().findFirst().orElseThrow(() -> new ModelLoadException(
                    "no model file in " + root + " (looked for *.onnx, *.pt, *.torchscript, *.params, model.json, *.ubj)"));
        });
        List<Path> files = candidates.getOrDefault(engine, List.of());
        if (files.isEmpty()) {
            throw new ModelLoadException("no " + engine.engineName() + " model file in " + root);
        }
        if (files.size() > 1) {
            throw new ModelLoadException("several " + engine.engineName() + " model files in " + root + ": " + files
                    + "; name one with 'file' in " + ModelManifest.FILE_NAME);
        }
        return new Selection(engine, files.get(0), manifest);
    }

    /** The directory that holds the model: the given one, or its only sub-directory when it has nothing else. */
    static Path contentRoot(Path modelDir) {
        if (Files.isRegularFile(modelDir)) {
            return modelDir.getParent();
        }
        try (Stream<Path> entries = Files.list(modelDir)) {
            List<Path> all = entries.toList();
            if (all.size() == 1 && Files.isDirectory(all.get(0))) {
                return all.get(0);
            }
            return modelDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path inside(Path root, String relative) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
            throw new ModelLoadException(ModelManifest.FILE_NAME + " names file '" + relative
                    + "', which is not a file inside the model directory");
        }
        return file;
    }

    private static Map<EngineKind, List<Path>> candidates(Path root) {
        Map<EngineKind, List<Path>> found = new EnumMap<>(EngineKind.class);
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isRegularFile).sorted().forEach(file -> byExtension(file)
                    .ifPresent(engine -> found.computeIfAbsent(engine, e -> new ArrayList<>()).add(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> xgboost = found.get(EngineKind.XGBOOST);
        if (xgboost != null && xgboost.size() > 1) {
            // Other JSON files (e.g. a training report) may sit beside the model; model.json wins.
            xgboost.stream().filter(f -> f.getFileName().toString().equals("model.json")).findFirst()
                    .ifPresent(model -> found.put(EngineKind.XGBOOST, List.of(model)));
        }
        return found;
    }

    static Optional<EngineKind> byExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals(ModelManifest.FILE_NAME)) {
            return Optional.empty();
        }
        if (name.endsWith(".onnx")) {
            return Optional.of(EngineKind.ONNXRUNTIME);
        }
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript") || name.endsWith(".params")) {
            return Optional.of(EngineKind.PYTORCH);
        }
        if (name.endsWith(".json") || name.endsWith(".ubj") || name.endsWith(".xgb") || name.endsWith(".bst")) {
            return Optional.of(EngineKind.XGBOOST);
        }
        return Optional.empty();
    }
}
