package io.mlcycle.runtime.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.runtime.engine.BuiltinMlp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A model where batching pays: the built-in MLP with two wide hidden layers on DJL's PyTorch engine. At batch 1 each
 * call streams every weight from memory for one row; a batch of 32 reads them once for all its rows. Its weights
 * are random (DJL's initialiser): speed does not depend on what it learned.
 */
final class BenchMlp {

    private BenchMlp() {
    }

    static String write(Path dir, int features, int hidden, int outputs) throws IOException {
        BuiltinMlp architecture = new BuiltinMlp(features, List.of(hidden, hidden), outputs, "relu");
        Path modelDir = Files.createDirectories(dir.resolve("mlp"));
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(architecture.block());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, features));
            model.save(modelDir, "mlp");
        }
        Files.writeString(modelDir.resolve("mlcycle-model.json"), String.format(
                "{\"format\": \"pytorch\", \"file\": \"mlp-0000.params\", \"architecture\": {\"type\": \"mlp\", "
                        + "\"inputs\": %d, \"hidden\": [%d, %d], \"outputs\": %d}}%n", features, hidden, hidden,
                outputs));
        Path artifact = dir.resolve("mlp.tar.gz");
        try (OutputStream out = Files.newOutputStream(artifact);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (String name : List.of("mlp-0000.params", "mlcycle-model.json")) {
                tar.putArchiveEntry(new TarArchiveEntry(modelDir.resolve(name).toFile(), "mlp/" + name));
                Files.copy(modelDir.resolve(name), tar);
                tar.closeArchiveEntry();
            }
        }
        return Sha256.of(artifact);
    }
}
