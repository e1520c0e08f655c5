package io.mlcycle.runtime.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.batching.OverloadedException;
import org.junit.jupiter.api.Test;

/** Each failure kind maps to the gRPC status a client of the protocol expects. */
class GrpcErrorsTest {

    @Test
    void kindsMapToStatusesWithTheSameMessageRestSends() {
        assertThat(GrpcErrors.code(InferenceException.Kind.BAD_REQUEST)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(GrpcErrors.code(InferenceException.Kind.NOT_FOUND)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcErrors.code(InferenceException.Kind.OVERLOADED)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(GrpcErrors.code(InferenceException.Kind.UNAVAILABLE)).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(GrpcErrors.code(InferenceException.Kind.INTERNAL)).isEqualTo(Status.Code.INTERNAL);

        StatusException bad = GrpcErrors.of(InferenceException.badRequest("input 'x': nope"));
        assertThat(bad.getStatus().getDescription()).isEqualTo("input 'x': nope");
        StatusException crash = GrpcErrors.of(new IllegalStateException("boom"));
        assertThat(crash.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(crash.getStatus().getDescription()).isEqualTo("internal error: boom");
    }

    @Test
    void overloadCarriesGrpcsRetryPushback() {
        StatusException busy = GrpcErrors.of(new OverloadedException("model 'm' is overloaded", 1));
        assertThat(busy.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(busy.getTrailers().get(Metadata.Key.of("grpc-retry-pushback-ms", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("1000");
    }
}
