package io.mlcycle.runtime.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.tensor.ModelSignature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Loads a verified model directory into a {@link LoadedModel} with DJL: selects the engine and file, resolves the
 * signature, sets engine threads and builds the predictor pool. Never downloads: DJL runs offline.
 */
public final class DjlModelLoader {

    private static final Logger LOG = Logger.getLogger(DjlModelLoader.class);

    /** What to load and how: the explicit engine (if any), predictor pool size and engine threads per call. */
    public record Options(Optional<EngineKind> engine, int workers, int engineThreads) {

        public Options {
            if (workers < 1 || engineThreads < 1) {
                throw new IllegalArgumentException("workers and engine threads must be at least 1");
            }
        }
    }

    private final EngineSelector selector;
    private final SignatureResolver signatures;

    public DjlModelLoader(ObjectMapper mapper) {
        // The runtime must never fetch engine natives or model-zoo files: everything comes from the class path.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        this.selector = new EngineSelector(mapper);
        this.signatures = new SignatureResolver(mapper);
    }

    public LoadedModel load(String name, String version, Path modelDir, Options options) {
        EngineSelector.Selection selection = selector.select(options.engine(), modelDir);
        EngineKind engine = selection.engine();
        if (engine == EngineKind.PYTORCH) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(options.engineThreads()));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (!Engine.hasEngine(engine.djlName())) {
            throw new ModelLoadException("engine " + engine.djlName() + " is not in this runtime (engines here: "
                    + Engine.getAllEngines() + ")");
        }
        // Start the engine before reading the signature: DJL creates ONNX Runtime's one environment with its own
        // thread settings, and the signature probe must reuse it rather than create it first.
        Engine.getEngine(engine.djlName());
        ModelSignature signature = signatures.resolve(selection);
        LOG.infof("loading %s:%s from %s with %s (%d workers, %d engine threads)", name, version,
                selection.modelFile(), engine.djlName(), options.workers(), options.engineThreads());
        Model model = Model.newInstance(name, Device.cpu(), engine.djlName());
        try {
            model.load(selection.modelFile(), null, engineOptions(engine, options));
            return new DjlLoadedModel(name, version, engine, signature, selection.manifest(), model,
                    options.workers());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelLoadException(engine.djlName() + " cannot load " + selection.modelFile().getFileName()
                    + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> engineOptions(EngineKind engine, Options options) {
        Map<String, String> map = new HashMap<>();
        if (engine == EngineKind.ONNXRUNTIME) {
            map.put("interOpNumThreads", "1");
            map.put("intraOpNumThreads", String.valueOf(options.engineThreads()));
        }
        return map;
    }
}
