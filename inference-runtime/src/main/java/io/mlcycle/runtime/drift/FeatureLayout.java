package io.mlcycle.runtime.drift;

import io.mlcycle.runtime.engine.ModelManifest;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Which columns of a model's tensors are profiled, and under which names. Each 1-D tensor ({@code [-1]}) is one
 * feature named after it; each 2-D tensor ({@code [-1, n]}) is n features {@code <tensor>[i]}; tensors of other
 * ranks (images, sequences) are not profiled. The manifest's {@code features}, when their count equals the input
 * columns, rename the input columns in order and say which are categorical. BYTES tensors are categorical. An
 * output of numbers {@code [-1, n]} with n of 2 or more is also profiled as {@code argmax(<tensor>)}: the place of each
 * row's largest value, i.e. the class a classifier's probabilities or scores pick.
 */
public final class FeatureLayout {

    private static final Logger LOG = Logger.getLogger(FeatureLayout.class);

    private FeatureLayout() {
    }

    /** The profiled columns of these tensors, named by the manifest's features when they fit. */
    public static List<FeatureColumn> inputs(List<TensorSpec> specs, List<ModelManifest.Feature> features) {
        List<FeatureColumn> columns = columns(specs);
        if (features.isEmpty()) {
            return columns;
        }
        if (features.size() != columns.size()) {
            LOG.warnf("the manifest lists %d features but the inputs have %d profiled columns; drift profiles use "
                    + "the signature's names", features.size(), columns.size());
            return columns;
        }
        List<FeatureColumn> named = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            FeatureColumn column = columns.get(i);
            ModelManifest.Feature feature = features.get(i);
            FeatureType type = column.type() == FeatureType.CATEGORICAL
                    ? FeatureType.CATEGORICAL : FeatureType.parse(feature.type());
            named.add(new FeatureColumn(feature.name(), column.source(), type, column.tensor(), column.column(),
                    column.width()));
        }
        return named;
    }

    /** The profiled columns of a model's outputs: their own columns, and the row's argmax of each score tensor. */
    public static List<FeatureColumn> outputs(List<TensorSpec> specs) {
        List<FeatureColumn> columns = columns(specs);
        for (TensorSpec spec : specs) {
            long[] shape = spec.shape();
            if (spec.datatype() != Datatype.BYTES && shape.length == 2 && shape[1] >= 2) {
                columns.add(FeatureColumn.argmax(spec.name(), Math.toIntExact(shape[1])));
            }
        }
        return columns;
    }

    /** The profiled columns of these tensors, named after the signature. */
    public static List<FeatureColumn> columns(List<TensorSpec> specs) {
        List<FeatureColumn> columns = new ArrayList<>();
        for (TensorSpec spec : specs) {
            FeatureType type = spec.datatype() == Datatype.BYTES ? FeatureType.CATEGORICAL : FeatureType.NUMERIC;
            long[] shape = spec.shape();
            if (shape.length == 1) {
                columns.add(new FeatureColumn(spec.name(), spec.name(), type, spec.name(), 0, 1));
            } else if (shape.length == 2 && shape[1] > 0) {
                int width = Math.toIntExact(shape[1]);
                for (int i = 0; i < width; i++) {
                    String name = spec.name() + "[" + i + "]";
                    columns.add(new FeatureColumn(name, name, type, spec.name(), i, width));
                }
            } else {
                LOG.infof("tensor %s is not profiled for drift (only [-1] and [-1, n] tensors are)", spec);
            }
        }
        return columns;
    }
}
