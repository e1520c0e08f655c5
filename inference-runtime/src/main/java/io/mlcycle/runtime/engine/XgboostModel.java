package io.mlcycle.runtime.engine;

import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An XGBoost model read by xgboost4j, the JVM binding XGBoost itself ships, so every format and field a current
 * XGBoost writes (JSON, UBJSON, a {@code base_score} vector, categorical splits) is read by XGBoost's own code.
 * Predicts in place from dense rows (NaN is missing), which XGBoost documents as thread-safe.
 */
final class XgboostModel implements LoadedModel {

    /** Input name given to XGBoost models without a manifest signature. */
    static final String INPUT = "input";
    /** Output name given to XGBoost models without a manifest signature. */
    static final String OUTPUT = "output";

    /** The XGBoost release inside xgboost4j, as its jar states it; named in load errors. */
    static final String LIBRARY = libraryVersion();

    private final String name;
    private final String version;
    private final ModelSignature signature;
    private final ModelManifest manifest;
    private final Booster booster;
    private final int features;
    /** Values the booster answers per row: 1, or the class count (softprob) or target count. */
    private final int width;

    private XgboostModel(String name, String version, ModelSignature signature, ModelManifest manifest,
            Booster booster, int features, int width) {
        this.name = name;
        this.version = version;
        this.signature = signature;
        this.manifest = manifest;
        this.booster = booster;
        this.features = features;
        this.width = width;
    }

    /**
     * Loads the booster and finds its signature: the manifest's (checked against the booster), or one input
     * {@code [-1, features]} and one output whose width is what the booster answers for a row (1 for regression,
     * binary and softmax; the class count for softprob).
     */
    static XgboostModel load(String name, String version, Path file, ModelManifest manifest, int engineThreads) {
        refuseLegacyBinary(file);
        Booster booster;
        try {
            booster = XGBoost.loadModel(file.toString());
        } catch (XGBoostError | RuntimeException e) {
            throw new ModelLoadException("XGBoost " + LIBRARY + " cannot read " + file.getFileName() + ": "
                    + firstLine(e), e);
        }
        try {
            booster.setParam("nthread", engineThreads);
            int features = Math.toIntExact(booster.getNumFeature());
            if (!manifest.features().isEmpty() && manifest.features().size() != features) {
                throw new ModelLoadException(ModelManifest.FILE_NAME + " lists " + manifest.features().size()
                        + " features but the XGBoost model has " + features);
            }
            int width = width(booster, features);
            ModelSignature signature = manifest.signature().map(declared -> fitting(declared, features, width))
                    .orElseGet(() -> derived(features, width));
            return new XgboostModel(name, version, signature, manifest, booster, features, width);
        } catch (XGBoostError e) {
            booster.dispose();
            throw new ModelLoadException("XGBoost cannot use " + file.getFileName() + ": " + firstLine(e), e);
        } catch (RuntimeException e) {
            booster.dispose();
            throw e;
        }
    }

    /** What the booster answers for one row of missing values: how many values per row. */
    private static int width(Booster booster, int features) throws XGBoostError {
        float[] missingRow = new float[features];
        Arrays.fill(missingRow, Float.NaN);
        return booster.inplace_predict(missingRow, 1, features, Float.NaN)[0].length;
    }

    private static ModelSignature derived(int features, int width) {
        long[] outputShape = width == 1 ? new long[] {-1} : new long[] {-1, width};
        return new ModelSignature(List.of(new TensorSpec(INPUT, Datatype.FP32, new long[] {-1, features})),
                List.of(new TensorSpec(OUTPUT, Datatype.FP32, outputShape)));
    }

    /** A manifest's signature, if it is one the booster can answer: one [-1, features] input, one FP32 output. */
    private static ModelSignature fitting(ModelSignature declared, int features, int width) {
        String where = ModelManifest.FILE_NAME + " signature";
        if (declared.inputs().size() != 1 || declared.outputs().size() != 1) {
            throw new ModelLoadException(where + " must have one input and one output for an XGBoost model");
        }
        TensorSpec input = declared.inputs().get(0);
        if (input.datatype() == Datatype.BYTES || !input.acceptsShape(new long[] {1, features})) {
            throw new ModelLoadException(where + ": input " + input + " does not take rows of the booster's "
                    + features + " features (e.g. FP32 [-1, " + features + "])");
        }
        TensorSpec output = declared.outputs().get(0);
        boolean shapeFits = output.acceptsShape(new long[] {1, width}) || (width == 1 && output.acceptsShape(
                new long[] {1}));
        if (output.datatype() != Datatype.FP32 || !shapeFits) {
            throw new ModelLoadException(where + ": output " + output + " does not fit what the booster answers, "
                    + "FP32 with " + width + " value(s) per row (e.g. FP32 " + (width == 1 ? "[-1]" : "[-1, "
                    + width + "]") + ")");
        }
        return declared;
    }

    private static String libraryVersion() {
        try (InputStream in = XGBoost.class.getResourceAsStream("/xgboost4j-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "(unknown version)";
        }
    }

    /**
     * JSON and UBJSON models both open with '{'; anything else is XGBoost's legacy binary format (or not a model),
     * which current XGBoost no longer reads: say so, and how to convert, instead of passing on a parse error.
     */
    private static void refuseLegacyBinary(Path file) {
        int first;
        try (InputStream in = Files.newInputStream(file)) {
            do {
                first = in.read();
            } while (first == ' ' || first == '\n' || first == '\r' || first == '\t');
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        if (first != '{') {
            throw new ModelLoadException(file.getFileName() + " is not an XGBoost JSON or UBJSON model; XGBoost "
                    + LIBRARY + " no longer reads the legacy binary format (written by XGBoost up to 3.0 for "
                    + "extensions other than .json and .ubj). Load it with the XGBoost that wrote it and save it "
                    + "again with Booster.save_model(\"model.json\") or save_model(\"model.ubj\")");
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
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
        return EngineKind.XGBOOST;
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
        TensorSpec inputSpec = signature.inputs().get(0);
        Tensor input = Tensor.named(inputs, inputSpec.name())
                .orElseThrow(() -> new IllegalArgumentException("missing input '" + inputSpec.name() + "'"));
        long[] shape = input.shape();
        int rows = shape.length == 0 ? 1 : Math.toIntExact(shape[0]);
        if (input.size() != (long) rows * features) {
            throw new IllegalArgumentException("input '" + input.name() + "' of shape " + Shapes.format(shape)
                    + " does not hold " + features + " features per row");
        }
        TensorSpec outputSpec = signature.outputs().get(0);
        float[] flat = rows == 0 ? new float[0] : predictRows(asFloats(input), rows);
        long[] outputShape = outputSpec.shape().length == 1 && width == 1 ? new long[] {rows}
                : new long[] {rows, width};
        return List.of(new Tensor(outputSpec.name(), Datatype.FP32, outputShape, flat));
    }

    private float[] predictRows(float[] data, int rows) {
        float[][] predicted;
        try {
            predicted = booster.inplace_predict(data, rows, features, Float.NaN);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed on model " + name + ": " + firstLine(e), e);
        }
        if (rows == 1) {
            return predicted[0]; // the usual request: no copy
        }
        float[] flat = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(predicted[r], 0, flat, r * width, width);
        }
        return flat;
    }

    /** The rows as XGBoost takes them: FP32 as is, other numeric types widened or narrowed to float. */
    private static float[] asFloats(Tensor input) {
        if (input.data() instanceof float[] floats && input.datatype() == Datatype.FP32) {
            return floats;
        }
        float[] floats = new float[input.size()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) input.doubleAt(i);
        }
        return floats;
    }

    @Override
    public void close() {
        booster.dispose();
    }

    @Override
    public String toString() {
        return name + ":" + version + " (XGBoost " + LIBRARY + ")";
    }
}
