package io.mlcycle.runtime.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.runtime.protocol.grpc.proto.InferTensorContents;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Typed contents: each datatype in the field the specification gives it, with counts and ranges checked. */
class TypedContentsTest {

    private static final long[] TWO = {2};

    @Test
    void smallIntegersTravelInIntOrUintContentsAndAreRangeChecked() {
        InferTensorContents unsigned = InferTensorContents.newBuilder().addUintContents(255).addUintContents(0).build();
        assertThat((byte[]) TypedContents.read("u", Datatype.UINT8, TWO, unsigned, 2)).containsExactly(-1, 0);
        InferTensorContents tooBig = InferTensorContents.newBuilder().addIntContents(1).addIntContents(200).build();
        assertThatThrownBy(() -> TypedContents.read("i", Datatype.INT8, TWO, tooBig, 2))
                .hasMessage("input 'i': value 200 at index 1 is out of range for INT8 [-128, 127]");

        Tensor back = new Tensor("u", Datatype.UINT8, TWO, new byte[] {-1, 0});
        assertThat(TypedContents.write(back).getUintContentsList()).containsExactly(255, 0);
    }

    @Test
    void valuesInTheWrongFieldAreRefusedNamingTheRightOne() {
        InferTensorContents ints = InferTensorContents.newBuilder().addIntContents(1).addIntContents(2).build();
        assertThatThrownBy(() -> TypedContents.read("x", Datatype.FP32, TWO, ints, 2))
                .hasMessage("input 'x': shape [2] needs 2 values, fp32_contents has 0 (FP32 values go in fp32_contents)");
        assertThatThrownBy(() -> TypedContents.read("h", Datatype.FP16, TWO, ints, 2))
                .hasMessage("input 'h': FP16 has no typed contents field; send it in raw_input_contents");
    }

    @Test
    void everyTypedDatatypeSurvivesTheRoundTrip() {
        for (Datatype type : Datatype.values()) {
            if (type == Datatype.FP16) {
                continue;
            }
            Tensor tensor = Tensor.zeros("x", type, new long[] {2, 3});
            Object back = TypedContents.read("x", type, tensor.shape(), TypedContents.write(tensor), 6);
            assertThat(back).isInstanceOf(type.storage());
        }
    }
}
