package io.mlcycle.operator.status;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;

/** A Job's condition of one type that holds (status True): Complete, Failed, SuccessCriteriaMet, Suspended. */
final class JobConditions {

    private JobConditions() {
    }

    static Optional<JobCondition> find(Job job, String type) {
        return job.getStatus() == null ? Optional.empty() : Optional.ofNullable(job.getStatus().getConditions())
                .stream().flatMap(List::stream)
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }
}
