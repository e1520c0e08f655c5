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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Loads a verified model directory into a {@link LoadedModel}: selects the engine and file, then loads XGBoost
 * models with xgboost4j and the others with DJL (resolving the signature, setting engine threads and building the
 * predictor pool). Never downloads: DJL runs offline.
 */
public final class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

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

    public ModelLoader(ObjectMapper mapper) {
        // The runtime must never fetch engine natives or model-zoo files: everything comes from the class path.
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_FLAVOR", "cpu");
        // A process serves one model with one engine. Without this, ONNX Runtime would start PyTorch
        // (unpacking ~430 MB of natives) as the "alternative engine" for array operations they lack.
        setIfAbsent("ai.djl.onnx.disable_alternative", "true");
        this.selector = new EngineSelector(mapper);
        this.signatures = new SignatureResolver();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public LoadedModel load(String name, String version, Path modelDir, Options options) {
        EngineSelector.Selection selection = selector.select(options.engine(), modelDir);
        EngineKind engine = selection.engine();
        if (engine == EngineKind.XGBOOST) {
            LOG.infof("loading %s:%s from %s with XGBoost %s (%d engine threads per call)", name, version,
                    selection.modelFile(), XgboostModel.LIBRARY, options.engineThreads());
            return XgboostModel.load(name, version, selection.modelFile(), selection.manifest(),
                    options.engineThreads());
        }
        if (engine == EngineKind.PYTORCH) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(options.engineThreads()));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (!Engine.hasEngine(engine.engineName())) {
            throw new ModelLoadException("engine " + engine.engineName() + " is not in this runtime (engines here: "
                    + Engine.getAllEngines() + ")");
        }
        // Start the engine before reading the signature: DJL creates ONNX Runtime's one environment with its own
        // thread settings, and the signature probe must reuse it rather than create it first.
        Engine.getEngine(engine.engineName());
        ModelSignature signature = signatures.resolve(selection);
        LOG.infof("loading %s:%s from %s with %s (%d workers, %d engine threads)", name, version,
                selection.modelFile(), engine.engineName(), options.workers(), options.engineThreads());
        Model model = Model.newInstance(name, Device.cpu(), engine.engineName());
        try {
            Map<String, String> engineOptions = engineOptions(engine, options);
            Optional<ParamsFile> params = ParamsFile.of(selection.modelFile());
            if (params.isPresent()) {
                BuiltinMlp mlp = selection.manifest().architecture().orElseThrow(() -> new ModelLoadException(
                        selection.modelFile().getFileName() + " holds weights only: give 'architecture' in "
                                + ModelManifest.FILE_NAME));
                model.setBlock(mlp.block());
                engineOptions.put("epoch", String.valueOf(params.get().epoch()));
                model.load(selection.modelFile().getParent(), params.get().prefix(), engineOptions);
                mlp.checkWeights(model.getBlock(), model.getNDManager());
            } else {
                model.load(selection.modelFile(), null, engineOptions);
            }
            return new DjlLoadedModel(name, version, engine, signature, selection.manifest(), model,
                    options.workers());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelLoadException(engine.engineName() + " cannot load " + selection.modelFile().getFileName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** A DJL parameter file, named {@code <prefix>-<epoch>.params} as DJL saves it. */
    record ParamsFile(String prefix, int epoch) {

        private static final Pattern NAME = Pattern.compile("(.+)-(\\d{4})\\.params");

        static Optional<ParamsFile> of(Path file) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".params")) {
                return Optional.empty();
            }
            Matcher matcher = NAME.matcher(name);
            if (!matcher.matches()) {
                throw new ModelLoadException(name + " is not named as DJL saves parameters: <prefix>-<4-digit epoch>"
                        + ".params, e.g. mlp-0000.params");
            }
            return Optional.of(new ParamsFile(matcher.group(1), Integer.parseInt(matcher.group(2))));
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
