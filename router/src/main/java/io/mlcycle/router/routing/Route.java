package io.mlcycle.router.routing;

import java.util.Optional;

/** What to do with one request: forward it (and maybe mirror it), or refuse it with a reason. */
public sealed interface Route {

    /** Send the request to {@code target}; when {@code mirror} is present, a copy goes there too. */
    record Forward(Target target, Optional<Target> mirror) implements Route {
    }

    /** Answer the request at once: the pinned revision does not exist, or nothing can serve it. */
    record Refusal(Reason reason, String message) implements Route {
    }

    /** Why a request is refused; the transports map it to 404 / NOT_FOUND and 503 / UNAVAILABLE. */
    enum Reason {
        NO_SUCH_REVISION,
        UNAVAILABLE
    }
}
