package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.operator.config.OperatorSettings;
import io.mlcycle.operator.desired.TrainerWorkload;
import io.mlcycle.operator.status.JobSetView;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code runtime: JobSet}: creates the TrainingJob's JobSet, follows {@code spec.suspend}, and reads it back as the Job
 * it stands for. Read through the API on each reconcile rather than an informer: a cluster without the JobSet CRD
 * must not keep the operator from starting. Empty when the cluster does not serve the JobSet API.
 */
final class JobSets {

    static final Duration POLL = Duration.ofSeconds(5);
    static final String MISSING = "spec.runtime is JobSet but this cluster does not serve jobset.x-k8s.io/v1alpha2: "
            + "install the JobSet controller (sigs.k8s.io/jobset), or use runtime: Job";
    private static final ResourceDefinitionContext JOBSET = new ResourceDefinitionContext.Builder()
            .withGroup("jobset.x-k8s.io").withVersion("v1alpha2").withKind("JobSet").withPlural("jobsets")
            .withNamespaced(true).build();

    private final KubernetesClient client;
    private final OperatorSettings settings;

    JobSets(KubernetesClient client, OperatorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The run's JobSet as a Job, created first unless the run finished; empty when the JobSet API is missing. */
    Optional<Optional<Job>> observe(TrainingJob tj, List<Pod> pods) {
        NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
                Resource<GenericKubernetesResource>> jobSets = client.genericKubernetesResources(JOBSET)
                .inNamespace(tj.getMetadata().getNamespace());
        String name = TrainerWorkload.jobSetName(tj);
        GenericKubernetesResource found = jobSets.withName(name).get();
        if (found != null && !OwnedChildren.ownedBy(tj, found)) {
            throw new IllegalStateException("JobSet " + name + " of an earlier TrainingJob of that name still exists; "
                    + "retrying once the garbage collector removed it");
        }
        if (found == null && !TrainingJobReconciler.finished(tj) && tj.getStatus() != null
                && tj.getStatus().getJobName() != null) {
            throw new WorkloadGone("the workers' JobSet " + name);
        }
        if (found == null && !TrainingJobReconciler.finished(tj)) {
            try {
                found = jobSets.resource(TrainerWorkload.jobSet(tj, settings)).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return Optional.empty();   // no such resource type here
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                found = jobSets.withName(name).get();
            }
        } else if (found != null && !TrainingJobReconciler.finished(tj)) {
            found = followSuspend(jobSets.withName(name), tj, found);
        }
        return Optional.of(Optional.ofNullable(found).map(jobSet -> JobSetView.asJob(jobSet, pods)));
    }

    private static GenericKubernetesResource followSuspend(Resource<GenericKubernetesResource> resource, TrainingJob tj,
            GenericKubernetesResource found) {
        boolean wanted = Boolean.TRUE.equals(tj.getSpec().getSuspend());
        Object spec = found.getAdditionalProperties().get("spec");
        boolean now = spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("suspend"));
        if (wanted == now) {
            return found;
        }
        return resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + wanted + "}}");
    }
}
