package io.mlcycle.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ChildApplierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAppliedHashDoesNotDependOnTheOrderOfMapEntries() throws Exception {
        String one = ChildApplier.canonical(JSON.readTree("""
                {"spec":{"selector":{"b":"2","a":"1"},"ports":[{"name":"http","port":8080},{"port":8081,"name":"grpc"}]}}"""));
        String other = ChildApplier.canonical(JSON.readTree("""
                {"spec":{"ports":[{"port":8080,"name":"http"},{"name":"grpc","port":8081}],"selector":{"a":"1","b":"2"}}}"""));

        assertThat(one).isEqualTo(other);
        assertThat(ChildApplier.canonical(JSON.readTree("{\"ports\":[2,1]}"))).as("list order is meaning, not noise")
                .isNotEqualTo(ChildApplier.canonical(JSON.readTree("{\"ports\":[1,2]}")));
    }
}
