package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServingNamesTest {

    @Test
    void namesThatAreLabelsAlreadyStayAsTheyAre() {
        assertThat(ServingNames.label("iris-v3", 47)).isEqualTo("iris-v3");
    }

    @Test
    void dotsAndCapitalsAreCleanedAndTwoNamesThatCleanAlikeStayApart() {
        String dotted = ServingNames.label("iris.prod-v1.2", 47);
        String dashed = ServingNames.label("iris-prod-v1-2", 47);

        assertThat(dotted).matches("[a-z]([-a-z0-9]*[a-z0-9])?").startsWith("iris-prod-v1-2-");
        assertThat(dashed).isEqualTo("iris-prod-v1-2");
        assertThat(dotted).isNotEqualTo(dashed);
    }

    @Test
    void longNamesAreCutWithAHash() {
        String name = ServingNames.label("a".repeat(60) + "-v12", 47);

        assertThat(name).hasSize(47).matches("a+-[0-9a-f]{8}");
    }
}
