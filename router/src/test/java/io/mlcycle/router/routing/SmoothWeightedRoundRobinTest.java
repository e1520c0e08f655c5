package io.mlcycle.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmoothWeightedRoundRobinTest {

    @Test
    void eightyTwentyIsExactInEveryWindowOfTenAndSpreadOut() {
        SmoothWeightedRoundRobin choice = new SmoothWeightedRoundRobin(new int[] {80, 20});
        StringBuilder firstTen = new StringBuilder();
        int[] counts = new int[2];
        for (int i = 0; i < 1000; i++) {
            int index = choice.next();
            counts[index]++;
            if (i < 10) {
                firstTen.append(index == 0 ? 'A' : 'B');
            }
        }
        assertThat(counts).containsExactly(800, 200);
        // nginx's sequence for 4:1: the two Bs never adjacent.
        assertThat(firstTen).hasToString("AABAAAABAA");
    }

    @Test
    void weightsNeedNotSumToAHundred() {
        SmoothWeightedRoundRobin choice = new SmoothWeightedRoundRobin(new int[] {3, 0, 1});
        int[] counts = new int[3];
        for (int i = 0; i < 400; i++) {
            counts[choice.next()]++;
        }
        assertThat(counts).containsExactly(300, 0, 100);
    }

    @Test
    void allZeroOrNoneGivesNothing() {
        assertThat(new SmoothWeightedRoundRobin(new int[] {0, 0}).next()).isEqualTo(-1);
        assertThat(new SmoothWeightedRoundRobin(new int[0]).next()).isEqualTo(-1);
    }
}
