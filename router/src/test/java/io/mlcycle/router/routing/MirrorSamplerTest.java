package io.mlcycle.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorSamplerTest {

    @Test
    void tenPercentMirrorsEveryTenthRequest() {
        MirrorSampler sampler = new MirrorSampler(10);
        List<Integer> mirrored = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            if (sampler.next()) {
                mirrored.add(i);
            }
        }
        assertThat(mirrored).hasSize(100).startsWith(10, 20, 30);
    }

    @Test
    void zeroAndHundredAreNoneAndAll() {
        MirrorSampler none = new MirrorSampler(0);
        MirrorSampler all = new MirrorSampler(100);
        int counted = 0;
        for (int i = 0; i < 100; i++) {
            assertThat(none.next()).isFalse();
            counted += all.next() ? 1 : 0;
        }
        assertThat(counted).isEqualTo(100);
    }

    @Test
    void oddPercentsAreExactPerHundred() {
        MirrorSampler sampler = new MirrorSampler(33);
        int counted = 0;
        for (int i = 0; i < 300; i++) {
            counted += sampler.next() ? 1 : 0;
        }
        assertThat(counted).isEqualTo(99);
    }
}
