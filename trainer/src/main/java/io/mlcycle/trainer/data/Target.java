package io.mlcycle.trainer.data;

import io.mlcycle.trainer.settings.Task;
import java.util.List;

/**
 * The column to predict. For classification, its classes in code order: label {@code i} is {@code classes.get(i)};
 * class 1 is the positive class of a binary task.
 */
public record Target(String name, Task task, List<String> classes) {

    public Target {
        classes = List.copyOf(classes);
    }

    public boolean isClassification() {
        return task == Task.CLASSIFICATION;
    }

    public int classCount() {
        return classes.size();
    }
}
