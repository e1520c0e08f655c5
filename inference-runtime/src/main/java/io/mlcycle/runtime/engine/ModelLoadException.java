package io.mlcycle.runtime.engine;

/** A model could not be loaded; the message says which file or setting is at fault and what to change. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
