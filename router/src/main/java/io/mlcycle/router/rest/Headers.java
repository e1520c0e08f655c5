package io.mlcycle.router.rest;

/** The headers the router reads and writes. */
public final class Headers {

    /** On a request: pin it to this revision. On an answer: the revision that answered. */
    public static final String REVISION = "x-mlcycle-revision";
    /** On a mirrored copy: tells the mirror revision the request is a copy whose answer is dropped. */
    public static final String MIRROR = "x-mlcycle-mirror";

    private Headers() {
    }
}
