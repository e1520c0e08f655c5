package io.mlcycle.runtime.app;

import java.util.Locale;

/** What the process is for: serving inference, or validating one artifact and exiting. */
public enum RuntimeMode {
    SERVE, VALIDATE;

    /** The first argument when there is one, else the configured mode; anything unknown is refused. */
    public static RuntimeMode of(String[] args, String configured) {
        String mode = args != null && args.length > 0 ? args[0] : configured;
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "serve" -> SERVE;
            case "validate" -> VALIDATE;
            default -> throw new IllegalArgumentException("unknown mode '" + mode + "': use serve or validate");
        };
    }
}
