package io.mlcycle.router.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Two answers to one request, compared prediction by prediction. */
class PredictionAgreementTest {

    @Test
    void rowsOfSeveralNumbersAgreeWhenTheirLargestIsAtTheSamePlace() {
        PredictionAgreement.Count count = PredictionAgreement.compare(
                answer("{\"name\":\"p\",\"shape\":[3,2],\"data\":[0.9,0.1, 0.4,0.6, 0.5,0.5]}"),
                answer("{\"name\":\"p\",\"shape\":[3,2],\"data\":[[0.6,0.4],[0.7,0.3],[0.5,0.5]]}"));

        assertThat(count).isEqualTo(new PredictionAgreement.Count(2, 1));
    }

    @Test
    void singleNumbersAgreeWithinOneHundredthOrOnePercentAboveOne() {
        PredictionAgreement.Count count = PredictionAgreement.compare(
                answer("{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[4,1],\"data\":[0.30, 0.30, 250.0, 250.0]}"),
                answer("{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[4,1],\"data\":[0.305, 0.35, 252.0, 260.0]}"));

        assertThat(count).isEqualTo(new PredictionAgreement.Count(2, 2));
    }

    @Test
    void integerClassIdsAgreeOnlyWhenEqual() {
        PredictionAgreement.Count count = PredictionAgreement.compare(
                answer("{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[2,1],\"data\":[150, 3]}"),
                answer("{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[2,1],\"data\":[151, 3]}"));

        assertThat(count).isEqualTo(new PredictionAgreement.Count(1, 1));
    }

    @Test
    void aPredictionAgreesOnlyWhenEveryOutputsRowDoes() {
        PredictionAgreement.Count count = PredictionAgreement.compare(
                answer("{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[2],\"data\":[\"churn\",\"stay\"]},"
                        + "{\"name\":\"p\",\"shape\":[2],\"data\":[0.8,0.1]}"),
                answer("{\"name\":\"p\",\"shape\":[2],\"data\":[0.8,0.1]},"
                        + "{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[2],\"data\":[\"churn\",\"churn\"]}"));

        assertThat(count).isEqualTo(new PredictionAgreement.Count(1, 1));
    }

    @Test
    void answersWhoseOutputsDoNotMatchDifferInEveryPrediction() {
        OipAnswer stable = answer("{\"name\":\"p\",\"shape\":[2,1],\"data\":[1,2]}");

        assertThat(PredictionAgreement.compare(stable, answer("{\"name\":\"q\",\"shape\":[2,1],\"data\":[1,2]}")))
                .isEqualTo(new PredictionAgreement.Count(0, 2));
        assertThat(PredictionAgreement.compare(stable, answer("{\"name\":\"p\",\"shape\":[1,1],\"data\":[1]}")))
                .isEqualTo(new PredictionAgreement.Count(0, 2));
    }

    @Test
    void aBodyThatIsNoOipAnswerIsNone() {
        assertThat(OipAnswer.fromJson("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(OipAnswer.fromJson("{\"error\":\"no\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(OipAnswer.fromJson("{\"outputs\":[{\"name\":\"p\",\"shape\":[2,2],\"data\":[1,2,3]}]}"
                .getBytes(StandardCharsets.UTF_8))).as("data that does not fill its shape").isEmpty();
        assertThat(OipAnswer.fromJson(("{\"outputs\":[{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[2,2],"
                + "\"parameters\":{\"binary_data_size\":16}}]}").getBytes(StandardCharsets.UTF_8)))
                .as("data in the binary extension, not in the JSON").isEmpty();
    }

    private static OipAnswer answer(String outputs) {
        return OipAnswer.fromJson(("{\"model_name\":\"m\",\"outputs\":[" + outputs + "]}")
                .getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }
}
