package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Either the built-in trainer or a custom container honouring the trainer contract. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.builtin) != has(self.image)",
        message = "set exactly one of trainer.builtin (the project's trainer) or trainer.image (your own container)")
@ValidationRule(value = "has(self.image) || (!has(self.command) && !has(self.args) && !has(self.env))",
        message = "trainer.command, trainer.args and trainer.env apply to trainer.image only; the builtin trainer takes hyperparameters")
public class TrainerSpec {

    @JsonPropertyDescription("The project's DJL/XGBoost trainer: reads the dataset, trains, and writes the model, "
            + "its reference profile and metrics.")
    private BuiltinTrainerSpec builtin;

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("A custom trainer image. Contract: read MLCYCLE_DATASET_URI, write the artifact and "
            + "mlcycle-result.json under MLCYCLE_OUTPUT_URI, and a one-line summary to /dev/termination-log.")
    private String image;

    @Size(max = 64)
    @JsonPropertyDescription("Entrypoint of the custom image (as a container's command).")
    private List<String> command;

    @Size(max = 256)
    @JsonPropertyDescription("Arguments of the custom image (as a container's args).")
    private List<String> args;

    @Size(max = 128)
    @JsonPropertyDescription("Extra environment variables of the custom image.")
    private List<EnvVarSpec> env;

    public BuiltinTrainerSpec getBuiltin() {
        return builtin;
    }

    public void setBuiltin(BuiltinTrainerSpec builtin) {
        this.builtin = builtin;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args;
    }

    public List<EnvVarSpec> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVarSpec> env) {
        this.env = env;
    }
}
