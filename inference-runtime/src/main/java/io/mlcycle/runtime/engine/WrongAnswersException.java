package io.mlcycle.runtime.engine;

/** The model loads and runs but does not answer its golden examples as their writer did. */
public final class WrongAnswersException extends ModelLoadException {

    public WrongAnswersException(GoldenExamples.Outcome outcome) {
        super("the model does not answer its golden examples as their writer did: " + outcome.describe());
    }
}
