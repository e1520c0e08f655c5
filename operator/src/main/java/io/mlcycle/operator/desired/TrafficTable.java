package io.mlcycle.operator.desired;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the router serves, as it reads it from the {@code traffic.json} key of its ConfigMap (router/README.md): each
 * revision's Service and weight, and the share of requests copied to a mirror revision.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficTable(List<Route> revisions, Mirror mirror) {

    public static final String KEY = "traffic.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One revision: the name clients pin with {@code x-mlcycle-revision}, its Service, and its weight 0 to 100. */
    public record Route(String name, String service, int weight) {
    }

    /** {@code percent} of requests also go to {@code revision}; its answers are dropped. */
    public record Mirror(String revision, int percent) {
    }

    /** The JSON document the router reads ({@code valueToTree} declares no I/O exception, unlike a writer). */
    public String toJson() {
        return JSON.valueToTree(this).toString();
    }
}
