package io.mlcycle.router.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mlcycle.router.kube.TrafficDocumentParser.InvalidTrafficDocument;
import io.mlcycle.router.routing.RoutingTable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Watches the traffic ConfigMap (one object: a field selector on its name, so RBAC can grant only that name) and
 * the namespace's EndpointSlices with informers, and hands a new routing table to {@code sink} on every change.
 *
 * <p>A ConfigMap whose {@value #KEY} is malformed is logged and counted, and the last good document stays in force;
 * endpoint changes keep applying to it. A missing ConfigMap means no revisions.
 */
public final class KubernetesTrafficSource implements AutoCloseable {

    /** The ConfigMap key holding the traffic document. */
    public static final String KEY = "traffic.json";

    private static final Logger LOG = Logger.getLogger(KubernetesTrafficSource.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String configMapName;
    private final Consumer<RoutingTable> sink;
    private final Runnable onConfigError;
    private final TrafficDocumentParser parser = new TrafficDocumentParser();
    private SharedIndexInformer<ConfigMap> configMaps;
    private SharedIndexInformer<EndpointSlice> slices;
    // Guarded by this: the last good document, and the text it was parsed from (or the last refused text).
    private TrafficDocument document = TrafficDocument.EMPTY;
    private String lastText;
    private volatile boolean firstTableInstalled;

    public KubernetesTrafficSource(KubernetesClient client, String namespace, String configMapName,
            Consumer<RoutingTable> sink, Runnable onConfigError) {
        this.client = client;
        this.namespace = namespace;
        this.configMapName = configMapName;
        this.sink = sink;
        this.onConfigError = onConfigError;
    }

    /** Starts both informers without waiting for them to sync ({@link #isSynced()} says when they have). */
    public void start() {
        slices = client.discovery().v1().endpointSlices().inNamespace(namespace).runnableInformer(0);
        configMaps = client.configMaps().inNamespace(namespace).withField("metadata.name", configMapName)
                .runnableInformer(0);
        for (SharedIndexInformer<?> informer : List.of(slices, configMaps)) {
            // Keep retrying when the first list fails (API server not reachable yet, RBAC not yet bound).
            informer.exceptionHandler((started, failure) -> {
                LOG.warnf("watching %s in %s failed, retrying: %s", informer.getApiTypeClass().getSimpleName(),
                        namespace, failure.toString());
                return true;
            });
        }
        slices.addEventHandler(rebuildOnChange());
        configMaps.addEventHandler(rebuildOnChange());
        // The first table once both have listed (an absent ConfigMap sends no event); partial ones never.
        CompletableFuture.allOf(slices.start().toCompletableFuture(), configMaps.start().toCompletableFuture())
                .thenRun(this::rebuild);
    }

    /** Whether both informers have listed their objects once and the table built from them is in force. */
    public boolean isSynced() {
        return firstTableInstalled;
    }

    private boolean informersSynced() {
        return slices != null && configMaps != null && slices.hasSynced() && configMaps.hasSynced();
    }

    private <T> ResourceEventHandler<T> rebuildOnChange() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                rebuild();
            }

            @Override
            public void onUpdate(T before, T after) {
                rebuild();
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                rebuild();
            }
        };
    }

    /** Builds the table from what both informers hold now and hands it on. */
    synchronized void rebuild() {
        if (!informersSynced()) {
            return;
        }
        ConfigMap configMap = configMaps.getStore().list().stream()
                .filter(candidate -> configMapName.equals(candidate.getMetadata().getName())).findFirst().orElse(null);
        String text = configMap == null || configMap.getData() == null ? null : configMap.getData().get(KEY);
        if (configMap == null) {
            document = TrafficDocument.EMPTY;
            lastText = null;
        } else if (!Objects.equals(text, lastText)) {
            lastText = text;
            try {
                if (text == null) {
                    throw new InvalidTrafficDocument("ConfigMap " + configMapName + " has no key " + KEY);
                }
                document = parser.parse(text);
            } catch (InvalidTrafficDocument e) {
                // Counted once per refused text: endpoint events re-running this do not count it again.
                LOG.errorf("ConfigMap %s/%s: %s; the last good traffic document stays in force", namespace,
                        configMapName, e.getMessage());
                onConfigError.run();
            }
        }
        sink.accept(RoutingTableBuilder.build(document, slices.getStore().list()));
        firstTableInstalled = true;
    }

    @Override
    public void close() {
        if (configMaps != null) {
            configMaps.close();
        }
        if (slices != null) {
            slices.close();
        }
    }
}
