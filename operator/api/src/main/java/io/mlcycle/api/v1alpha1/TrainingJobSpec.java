package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What to train, on which data, where to put the result and with which resources. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.workers) || self.workers == 1 || (has(self.trainer) && has(self.trainer.image))",
        fieldPath = ".workers",
        message = "the builtin trainer runs a single worker: set workers to 1, or use trainer.image for distributed training")
@ValidationRule(value = "!has(self.workers) || self.workers == 1 || self.runtime == 'Job' || self.runtime == 'JobSet'",
        fieldPath = ".workers",
        message = "workers > 1 is supported with runtime Job or JobSet (indexed workers with torchrun-style env)")
public class TrainingJobSpec {

    @Required
    @Size(min = 1, max = 63)
    @ValidationRule(value = ApiConstraints.NAME_RULE, message = ApiConstraints.NAME_MESSAGE)
    @JsonPropertyDescription("Name of the registered model the result belongs to; the ModelVersion it produces carries this name.")
    private String model;

    @Required
    @JsonPropertyDescription("The trainer: either builtin (the project's trainer image) or a custom image honouring the trainer contract.")
    private TrainerSpec trainer;

    @Required
    @JsonPropertyDescription("The training data.")
    private DatasetSpec dataset;

    @Required
    @JsonPropertyDescription("Where the trainer writes the artifact and mlcycle-result.json.")
    private OutputSpec output;

    @JsonPropertyDescription("CPU, memory and GPUs for each worker pod.")
    private ResourcesSpec resources;

    @JsonPropertyDescription("Where worker pods may run (nodeSelector, tolerations, affinity, priority and runtime class).")
    private SchedulingSpec scheduling;

    @Default("1")
    @Min(1)
    @Max(64)
    @JsonPropertyDescription("Number of worker pods. Above 1 the workers run as an indexed Job behind a headless Service and each "
            + "gets WORLD_SIZE, RANK, MASTER_ADDR and MASTER_PORT (the torchrun contract).")
    private Integer workers = 1;

    @Default("Job")
    @JsonPropertyDescription("What runs the workers: Job (a plain Kubernetes Job, the default), JobSet (a "
            + "jobset.x-k8s.io JobSet, for clusters that run the JobSet controller), or TrainJob (Kubeflow Trainer) and "
            + "RayJob, which are not implemented yet (the TrainingJob says so in its Stalled condition).")
    private TrainingRuntime runtime = TrainingRuntime.Job;

    @Default("2")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Retries of a failed worker pod before the TrainingJob fails.")
    private Integer backoffLimit = 2;

    @Min(1)
    @JsonPropertyDescription("Seconds the training may run before it is stopped and marked Failed.")
    private Long activeDeadlineSeconds;

    @Min(0)
    @JsonPropertyDescription("Seconds after it finishes that the Job and its pods are deleted; the TrainingJob and its status stay.")
    private Integer ttlSecondsAfterFinished;

    @Default("false")
    @JsonPropertyDescription("When true no worker pods run (queued); set it back to false to start.")
    private Boolean suspend = false;

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public TrainerSpec getTrainer() {
        return trainer;
    }

    public void setTrainer(TrainerSpec trainer) {
        this.trainer = trainer;
    }

    public DatasetSpec getDataset() {
        return dataset;
    }

    public void setDataset(DatasetSpec dataset) {
        this.dataset = dataset;
    }

    public OutputSpec getOutput() {
        return output;
    }

    public void setOutput(OutputSpec output) {
        this.output = output;
    }

    public ResourcesSpec getResources() {
        return resources;
    }

    public void setResources(ResourcesSpec resources) {
        this.resources = resources;
    }

    public SchedulingSpec getScheduling() {
        return scheduling;
    }

    public void setScheduling(SchedulingSpec scheduling) {
        this.scheduling = scheduling;
    }

    public Integer getWorkers() {
        return workers;
    }

    public void setWorkers(Integer workers) {
        this.workers = workers;
    }

    public TrainingRuntime getRuntime() {
        return runtime;
    }

    public void setRuntime(TrainingRuntime runtime) {
        this.runtime = runtime;
    }

    public Integer getBackoffLimit() {
        return backoffLimit;
    }

    public void setBackoffLimit(Integer backoffLimit) {
        this.backoffLimit = backoffLimit;
    }

    public Long getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
        this.activeDeadlineSeconds = activeDeadlineSeconds;
    }

    public Integer getTtlSecondsAfterFinished() {
        return ttlSecondsAfterFinished;
    }

    public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
        this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }
}
