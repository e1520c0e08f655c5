package io.mlcycle.router.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** ModelInferResponse wire bytes read into the outputs the comparison needs. */
class GrpcInferResponseTest {

    @Test
    void typedContentsAndRawBuffersReadAlike() {
        OipAnswer typed = GrpcInferResponse.parse(InferResponseBytes.typed("p", new long[] {2, 3},
                0.9f, 0.05f, 0.05f, 0.1f, 0.2f, 0.7f)).orElseThrow();
        OipAnswer raw = GrpcInferResponse.parse(InferResponseBytes.raw("p", new long[] {2, 3},
                0.9f, 0.05f, 0.05f, 0.1f, 0.2f, 0.7f)).orElseThrow();

        assertThat(typed.outputs()).containsOnlyKeys("p");
        assertThat(typed.outputs().get("p").shape()).containsExactly(2, 3);
        assertThat(typed.outputs().get("p").row(1)).containsExactly((double) 0.1f, (double) 0.2f, (double) 0.7f);
        assertThat(raw.outputs().get("p").data()).isEqualTo(typed.outputs().get("p").data());
        assertThat(PredictionAgreement.compare(typed, raw)).isEqualTo(new PredictionAgreement.Count(2, 0));
    }

    @Test
    void bytesThatAreNoResponseAreNone() {
        assertThat(GrpcInferResponse.parse(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff})).isEmpty();
        assertThat(GrpcInferResponse.parse(InferResponseBytes.raw("p", new long[] {2, 2}, 1f, 2f, 3f)))
                .as("a buffer that does not fill its rows").isEmpty();
        assertThat(GrpcInferResponse.parse("".getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(answer ->
                assertThat(answer.outputs()).isEmpty());
    }
}
