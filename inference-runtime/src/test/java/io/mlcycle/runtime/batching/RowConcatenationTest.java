package io.mlcycle.runtime.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Concatenation along dimension 0 and the split back, for every storage type and for rows of several elements. */
class RowConcatenationTest {

    private static PendingRequest request(Tensor... inputs) {
        return new PendingRequest(List.of(inputs), System.nanoTime());
    }

    private static byte[][] strings(String... values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    @Test
    void concatenatesEveryInputInRequestOrderWhateverOrderTheInputsCameIn() {
        Tensor ids1 = new Tensor("ids", Datatype.INT64, new long[] {1, 2}, new long[] {1, 2});
        Tensor text1 = new Tensor("text", Datatype.BYTES, new long[] {1}, strings("a"));
        Tensor ids2 = new Tensor("ids", Datatype.INT64, new long[] {2, 2}, new long[] {3, 4, 5, 6});
        Tensor text2 = new Tensor("text", Datatype.BYTES, new long[] {2}, strings("b", "c"));

        List<Tensor> merged = RowConcatenation.concat(List.of(request(ids1, text1), request(text2, ids2)));

        assertThat(merged.get(0).shape()).containsExactly(3, 2);
        assertThat((long[]) merged.get(0).data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(merged.get(1).shape()).containsExactly(3);
        assertThat(new String(((byte[][]) merged.get(1).data())[2], StandardCharsets.UTF_8)).isEqualTo("c");
    }

    @Test
    void keepsTheStorageOfEachDatatype() {
        for (Datatype type : Datatype.values()) {
            Tensor one = Tensor.zeros("x", type, new long[] {1, 3});
            Tensor two = Tensor.zeros("x", type, new long[] {2, 3});
            Tensor merged = RowConcatenation.concat(List.of(request(one), request(two))).get(0);
            assertThat(merged.datatype()).isEqualTo(type);
            assertThat(merged.shape()).containsExactly(3, 3);
            assertThat(merged.data()).isInstanceOf(type.storage());
        }
    }

    @Test
    void splitsEachOutputByTheRowsEachRequestSent() {
        Tensor probabilities = Tensor.of("proba", new long[] {3, 2}, 0.1f, 0.9f, 0.2f, 0.8f, 0.3f, 0.7f);
        Tensor labels = new Tensor("label", Datatype.BOOL, new long[] {3}, new boolean[] {true, true, false});

        List<List<Tensor>> shares = RowConcatenation.split(List.of(probabilities, labels), new long[] {2, 0, 1});

        assertThat(shares.get(0).get(0).shape()).containsExactly(2, 2);
        assertThat((float[]) shares.get(0).get(0).data()).containsExactly(0.1f, 0.9f, 0.2f, 0.8f);
        assertThat((boolean[]) shares.get(0).get(1).data()).containsExactly(true, true);
        assertThat(shares.get(1).get(0).shape()).containsExactly(0, 2);
        assertThat((float[]) shares.get(2).get(0).data()).containsExactly(0.3f, 0.7f);
        assertThat((boolean[]) shares.get(2).get(1).data()).containsExactly(false);
    }

    @Test
    void refusesToSplitAnOutputThatIsNotPerRow() {
        Tensor pooled = Tensor.of("mean", new long[] {2}, 0.5f, 0.5f);
        assertThatThrownBy(() -> RowConcatenation.split(List.of(pooled), new long[] {1, 2}))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.INTERNAL))
                .hasMessageContaining("output 'mean' has shape [2], which cannot be split into the batch's 3 rows");
    }
}
