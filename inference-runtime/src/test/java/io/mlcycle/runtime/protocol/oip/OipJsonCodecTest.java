package io.mlcycle.runtime.protocol.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.serving.InferenceRequest;
import io.mlcycle.runtime.serving.InferenceResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OIP JSON decoding (every datatype, flat and nested data, each kind of mistake) and encoding. */
class OipJsonCodecTest {

    private final OipJsonCodec codec = new OipJsonCodec();

    private InferenceRequest read(String json) {
        return codec.readRequest(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String input(String name, String datatype, String shape, String data) {
        return "{\"inputs\": [{\"name\": \"" + name + "\", \"datatype\": \"" + datatype + "\", \"shape\": " + shape
                + ", \"data\": " + data + "}]}";
    }

    @Test
    void readsFlatAndNestedDataIdOutputsAndParameters() {
        InferenceRequest request = read("""
                {"id": "42", "parameters": {"trace": true},
                 "inputs": [{"name": "x", "datatype": "FP32", "shape": [2, 2], "data": [[1, 2.5], [3, 4]],
                             "parameters": {"content_type": "np"}}],
                 "outputs": [{"name": "y"}]}
                """);
        assertThat(request.id()).isEqualTo("42");
        assertThat(request.requestedOutputs()).containsExactly("y");
        assertThat(request.parameters()).containsEntry("trace", true);
        Tensor x = request.inputs().get(0);
        assertThat(x.shape()).containsExactly(2, 2);
        assertThat((float[]) x.data()).containsExactly(1f, 2.5f, 3f, 4f);
    }

    @Test
    void readsEveryDatatypeIntoItsArrayWithRangeChecks() {
        assertThat((boolean[]) read(input("b", "BOOL", "[2]", "[true, false]")).inputs().get(0).data())
                .containsExactly(true, false);
        assertThat((byte[]) read(input("u", "UINT8", "[2]", "[0, 255]")).inputs().get(0).data())
                .containsExactly(0, -1);
        assertThat((long[]) read(input("u", "UINT64", "[1]", "[18446744073709551615]")).inputs().get(0).data())
                .containsExactly(-1L);
        assertThat((short[]) read(input("i", "INT16", "[1]", "[-32768]")).inputs().get(0).data())
                .containsExactly((short) -32768);
        assertThat(((double[]) read(input("d", "FP64", "[2]", "[NaN, 1e300]")).inputs().get(0).data())[0])
                .isNaN();
        assertThat(new String(((byte[][]) read(input("s", "BYTES", "[1]", "[\"héllo\"]")).inputs().get(0).data())[0],
                StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(read(input("h", "FP16", "[1]", "[0.5]")).inputs().get(0).datatype()).isEqualTo(Datatype.FP16);

        assertBad(input("u", "UINT8", "[1]", "[256]"), "input 'u': data[0] = 256 is out of range for UINT8");
        assertBad(input("i", "INT8", "[1]", "[-129]"), "out of range for INT8");
        assertBad(input("u", "UINT64", "[1]", "[-1]"), "out of range for UINT64");
        assertBad(input("i", "INT32", "[1]", "[1.5]"), "input 'i': data[0] is 1.5, expected an integer for INT32");
        assertBad(input("b", "BOOL", "[1]", "[1]"), "expected true or false");
        assertBad(input("s", "BYTES", "[1]", "[1]"), "expected a string");
    }

    @Test
    void namesTheInputAndTheProblem() {
        assertBad("[1, 2]", "must be a JSON object");
        assertBad("{\"inputs\": []}", "no 'inputs' array");
        assertBad("{\"inputs\": [{\"datatype\": \"FP32\", \"shape\": [1], \"data\": [1]}]}", "inputs[0] has no 'name'");
        assertBad(input("x", "FP31", "[1]", "[1]"), "input 'x': unknown datatype 'FP31' (expected one of BOOL,");
        assertBad(input("x", "FP32", "[2, 3]", "[1, 2, 3, 4, 5]"), "input 'x': shape needs 6 values, data has 5");
        // A huge shape with little data is refused before anything is allocated for the shape (RestFuzzTest found
        // such a request holding its connection while the server allocated gigabytes).
        assertBad(input("x", "INT32", "[2147483647]", "[1, [2], 3]"),
                "input 'x': shape needs 2147483647 values, data has 3");
        assertBad(input("x", "FP32", "[-1, 3]", "[1, 2, 3]"), "input 'x': shape [-1,3] must list sizes of 0 or more");
        assertBad("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"data\": [1]}]}", "input 'x' has no 'shape'");
        assertBad("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1]}]}", "input 'x' has no 'data'");
        assertBad("{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"data\": [1]}]}", "input 'x' has no 'datatype'");
        assertBad("{\"inputs\": [" + "{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1], \"data\": [1]},".repeat(2)
                .replaceAll(",$", "") + "]}", "input 'x' is given more than once");
        assertBad("{\"inputs\": [{\"name\": \"x\"", "not valid JSON");
        assertBad(input("x", "FP32", "[4294967296, 4294967296]", "[1]"), "too large");
    }

    @Test
    void writesResponsesWithUnsignedAndStringData() {
        InferenceResponse response = new InferenceResponse("m", "1", "7", List.of(
                new Tensor("u", Datatype.UINT64, new long[] {1}, new long[] {-1L}),
                new Tensor("b", Datatype.UINT8, new long[] {1}, new byte[] {(byte) 200}),
                new Tensor("s", Datatype.BYTES, new long[] {1}, new byte[][] {"ok".getBytes(StandardCharsets.UTF_8)}),
                Tensor.of("f", new long[] {1, 2}, 0.5f, Float.NaN)));
        String json = new String(codec.writeResponse(response), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"model_name\":\"m\",\"model_version\":\"1\",\"id\":\"7\",\"outputs\":["
                + "{\"name\":\"u\",\"datatype\":\"UINT64\",\"shape\":[1],\"data\":[18446744073709551615]},"
                + "{\"name\":\"b\",\"datatype\":\"UINT8\",\"shape\":[1],\"data\":[200]},"
                + "{\"name\":\"s\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"ok\"]},"
                + "{\"name\":\"f\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[0.5,NaN]}]}");
        assertThat(new String(codec.writeError("bad \"x\""), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"bad \\\"x\\\"\"}");
    }

    private void assertBad(String json, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.BAD_REQUEST))
                .hasMessageContaining(message);
    }
}
