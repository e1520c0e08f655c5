package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Settings of the DJL inference runtime in each serving pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeSpec {

    @Default("auto")
    @JsonPropertyDescription("DJL engine: auto (from the ModelVersion's format), onnxruntime, pytorch or xgboost.")
    private Engine engine = Engine.auto;

    @Default("{}")
    @JsonPropertyDescription("Dynamic batching: concurrent requests merged into one engine call.")
    private BatchingSpec batching = new BatchingSpec();

    @Min(1)
    @Max(64)
    @JsonPropertyDescription("Engine threads per pod; unset means one per CPU of the pod's limit.")
    private Integer threads;

    @Size(min = 1, max = 2)
    @ValidationRule(value = "self.all(p, self.exists_one(q, q == p))", message = "protocols must not repeat a protocol")
    @JsonPropertyDescription("Protocols served; unset means both: rest (OIP over HTTP, port 8080) and grpc (inference.GRPCInferenceService, port 8081).")
    private List<Protocol> protocols;

    public Engine getEngine() {
        return engine;
    }

    public void setEngine(Engine engine) {
        this.engine = engine;
    }

    public BatchingSpec getBatching() {
        return batching;
    }

    public void setBatching(BatchingSpec batching) {
        this.batching = batching;
    }

    public Integer getThreads() {
        return threads;
    }

    public void setThreads(Integer threads) {
        this.threads = threads;
    }

    public List<Protocol> getProtocols() {
        return protocols;
    }

    public void setProtocols(List<Protocol> protocols) {
        this.protocols = protocols;
    }
}
