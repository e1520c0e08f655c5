package io.mlcycle.runtime.protocol.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.serving.InferenceResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Triton's binary tensor data extension as the codec reads and writes it: a JSON header of
 * Inference-Header-Content-Length bytes, then each binary tensor's bytes in order; every mistake names the input.
 */
class BinaryDataExtensionTest {

    private final OipJsonCodec codec = new OipJsonCodec();

    /** A body as tritonclient.http builds it: the JSON header, then the binary tensors back to back. */
    private static byte[] body(String json, byte[]... binary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        Arrays.stream(binary).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    private static final String TWO_INPUTS = """
            {"inputs": [{"name": "x", "datatype": "FP32", "shape": [1, 2], "parameters": {"binary_data_size": 8}},
                        {"name": "n", "datatype": "INT64", "shape": [1], "data": [7]},
                        {"name": "s", "datatype": "BYTES", "shape": [1], "parameters": {"binary_data_size": 6}}],
             "outputs": [{"name": "y", "parameters": {"binary_data": true}}, {"name": "z"}],
             "parameters": {"binary_data_output": false}}""";

    @Test
    void binaryAndJsonInputsMixInOneRequestInOrder() {
        byte[] json = TWO_INPUTS.getBytes(StandardCharsets.UTF_8);
        byte[] body = body(TWO_INPUTS, floats(1.5f, Float.NaN), new byte[] {2, 0, 0, 0, 'h', 'i'});
        OipJsonCodec.DecodedRequest decoded = codec.readRequest(body, json.length);
        List<Tensor> inputs = decoded.request().inputs();
        assertThat((float[]) inputs.get(0).data()).containsExactly(1.5f, Float.NaN);
        assertThat((long[]) inputs.get(1).data()).containsExactly(7L);
        assertThat(new String(((byte[][]) inputs.get(2).data())[0], StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(decoded.binaryOutputs().binary("y")).isTrue();
        assertThat(decoded.binaryOutputs().binary("z")).isFalse();
    }

    @Test
    void binaryDataOutputMakesEveryOutputBinaryUnlessItSaysOtherwise() throws Exception {
        String json = "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1], \"data\": [1]}],"
                + " \"outputs\": [{\"name\": \"z\", \"parameters\": {\"binary_data\": false}}],"
                + " \"parameters\": {\"binary_data_output\": true}}";
        OipJsonCodec.BinaryOutputs binary = codec.readRequest(json.getBytes(StandardCharsets.UTF_8),
                json.length()).binaryOutputs();
        assertThat(binary.binary("y")).isTrue();
        assertThat(binary.binary("z")).isFalse();

        InferenceResponse response = new InferenceResponse("m", "1", "id-7", List.of(
                Tensor.of("y", new long[] {2}, 0.25f, -1f), Tensor.of("z", new long[] {1}, 3L)));
        OipJsonCodec.EncodedResponse encoded = codec.writeResponse(response, binary);
        assertThat(encoded.hasBinaryData()).isTrue();
        JsonNode header = new ObjectMapper().readTree(Arrays.copyOf(encoded.body(), encoded.jsonHeaderLength()));
        assertThat(header.at("/outputs/0/parameters/binary_data_size").asInt()).isEqualTo(8);
        assertThat(header.at("/outputs/0/data").isMissingNode()).isTrue();
        assertThat(header.at("/outputs/1/data/0").asLong()).isEqualTo(3L);
        assertThat(Arrays.copyOfRange(encoded.body(), encoded.jsonHeaderLength(), encoded.body().length))
                .containsExactly(floats(0.25f, -1f));

        OipJsonCodec.EncodedResponse plain = codec.writeResponse(response, OipJsonCodec.BinaryOutputs.NONE);
        assertThat(plain.hasBinaryData()).isFalse();
        assertThat(new ObjectMapper().readTree(plain.body()).at("/outputs/0/data/1").asDouble()).isEqualTo(-1);
    }

    @Test
    void everyMistakeIsABadRequestNamingTheInput() {
        String one = "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1, 2], "
                + "\"parameters\": {\"binary_data_size\": %s}%s}]}";
        assertBad(body(one.formatted("8", ""), floats(1, 2, 3)), one.formatted("8", "").length(),
                "4 bytes of binary data are left after the last input's binary_data_size");
        assertBad(body(one.formatted("12", ""), floats(1, 2)), one.formatted("12", "").length(),
                "input 'x': binary_data_size is 12 but only 8 bytes of binary data are left");
        assertBad(body(one.formatted("4", ""), floats(1)), one.formatted("4", "").length(),
                "input 'x': shape [1, 2] of FP32 needs 8 bytes of binary data, got 4");
        assertBad(body(one.formatted("-8", ""), floats(1, 2)), one.formatted("-8", "").length(),
                "input 'x': parameters.binary_data_size must be a whole number of bytes, got -8");
        assertBad(body(one.formatted("8", ", \"data\": [1, 2]"), floats(1, 2)),
                one.formatted("8", ", \"data\": [1, 2]").length(),
                "input 'x' has both 'data' and parameters.binary_data_size");
        byte[] noBinary = one.formatted("8", "").getBytes(StandardCharsets.UTF_8);
        assertBad(noBinary, noBinary.length, "input 'x' gives binary_data_size but no binary data follows the JSON");
        assertBad(noBinary, noBinary.length + 1, "Inference-Header-Content-Length is " + (noBinary.length + 1)
                + " but the body has " + noBinary.length + " bytes");
        assertBad(body(one.formatted("8", ""), floats(1, 2)), 10, "request body is not valid JSON");
    }

    private void assertBad(byte[] body, int jsonLength, String message) {
        assertThatThrownBy(() -> codec.readRequest(body, jsonLength))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.BAD_REQUEST))
                .hasMessageContaining(message);
    }
}
