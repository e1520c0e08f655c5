package io.mlcycle.runtime.engine;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A DJL model with a fixed pool of predictors: DJL predictors are not thread-safe, so each call borrows one and
 * at most {@code workers} calls run in the engine at once (the others wait for a free predictor).
 */
final class DjlLoadedModel implements LoadedModel {

    private final String name;
    private final String version;
    private final EngineKind engine;
    private final ModelSignature signature;
    private final ModelManifest manifest;
    private final Model model;
    private final BlockingQueue<Predictor<List<Tensor>, List<Tensor>>> predictors;
    private final List<Predictor<List<Tensor>, List<Tensor>>> all = new ArrayList<>();

    DjlLoadedModel(String name, String version, EngineKind engine, ModelSignature signature, ModelManifest manifest,
            Model model, int workers) {
        this.name = name;
        this.version = version;
        this.engine = engine;
        this.signature = signature;
        this.manifest = manifest;
        this.model = model;
        this.predictors = new ArrayBlockingQueue<>(workers);
        TensorTranslator translator = new TensorTranslator(signature.outputs(), engine == EngineKind.ONNXRUNTIME);
        for (int i = 0; i < workers; i++) {
            Predictor<List<Tensor>, List<Tensor>> predictor = model.newPredictor(translator);
            all.add(predictor);
            predictors.add(predictor);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public EngineKind engine() {
        return engine;
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        List<Tensor> ordered = inSignatureOrder(inputs);
        Predictor<List<Tensor>, List<Tensor>> predictor;
        try {
            predictor = predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free predictor of " + name, e);
        }
        try {
            return predictor.predict(ordered);
        } catch (TranslateException e) {
            throw new IllegalStateException(engine.engineName() + " failed on model " + name + ": " + e.getMessage(), e);
        } finally {
            predictors.add(predictor);
        }
    }

    private List<Tensor> inSignatureOrder(List<Tensor> inputs) {
        List<Tensor> ordered = new ArrayList<>(signature.inputs().size());
        for (TensorSpec spec : signature.inputs()) {
            ordered.add(Tensor.named(inputs, spec.name())
                    .orElseThrow(() -> new IllegalArgumentException("missing input '" + spec.name() + "'")));
        }
        return ordered;
    }

    @Override
    public void close() {
        all.forEach(Predictor::close);
        model.close();
    }

    @Override
    public String toString() {
        return name + ":" + version + " (" + engine.engineName() + ")";
    }
}
