package io.mlcycle.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class OwnedFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean contained(String desired, String actual) throws Exception {
        JsonNode d = JSON.readTree(desired);
        JsonNode a = JSON.readTree(actual);
        return OwnedFields.contained(d, a);
    }

    @Test
    void fieldsTheServerOrOthersAddAreNotADifference() throws Exception {
        assertThat(contained("""
                {"spec":{"template":{"spec":{"containers":[{"name":"runtime","ports":[{"containerPort":8080}]}]}}}}""", """
                {"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"runtime","terminationMessagePath":"/dev/t",
                 "ports":[{"containerPort":8080,"protocol":"TCP"}]}]}}},"status":{"readyReplicas":3}}""")).isTrue();
    }

    @Test
    void aChangedValueAMissingFieldOrAnotherListLengthIsADifference() throws Exception {
        assertThat(contained("{\"a\":{\"b\":1}}", "{\"a\":{\"b\":2}}")).isFalse();
        assertThat(contained("{\"a\":{\"b\":1}}", "{\"a\":{}}")).isFalse();
        assertThat(contained("{\"a\":[1,2]}", "{\"a\":[1,2,3]}")).isFalse();
        assertThat(contained("{\"a\":\"1\"}", "{\"a\":1}")).isFalse();
    }

    @Test
    void quantitiesCompareByAmountAsTheServerCanonicalizesThem() throws Exception {
        assertThat(contained("{\"cpu\":\"1000m\"}", "{\"cpu\":\"1\"}")).isTrue();
        assertThat(contained("{\"memory\":\"1024Mi\"}", "{\"memory\":\"1Gi\"}")).isTrue();
        assertThat(contained("{\"memory\":\"1Gi\"}", "{\"memory\":\"2Gi\"}")).isFalse();
        assertThat(contained("{\"name\":\"a\"}", "{\"name\":\"b\"}")).isFalse();
    }

    @Test
    void emptyDesiredContainersMatchAbsentOnes() throws Exception {
        assertThat(contained("{\"a\":[],\"b\":{}}", "{}")).isTrue();
    }
}
