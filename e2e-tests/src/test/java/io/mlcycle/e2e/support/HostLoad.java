package io.mlcycle.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client on the host sending the same OIP request, one after another, until closed: what answered, which revision
 * answered (the router's {@value #REVISION_HEADER} header), what failed, and when each request was sent.
 */
public final class HostLoad implements AutoCloseable {

    /** The header a router answers with (and honours, to pin a revision). */
    public static final String REVISION_HEADER = "x-mlcycle-revision";

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answered = new AtomicInteger();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> revisions = new ConcurrentHashMap<>();
    /** Answers in order: when each was sent (nanoTime) and which revision answered. */
    private final List<Object[]> log = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    public HostLoad(HttpClient http, String url, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        thread = new Thread(() -> {
            while (running.get()) {
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> answer = http.send(request,
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    String revision = answer.headers().firstValue(REVISION_HEADER).orElse("none");
                    if (answer.statusCode() != 200) {
                        failures.add(answer.statusCode() + " from " + revision + ": " + answer.body());
                    } else {
                        answered.incrementAndGet();
                        revisions.merge(revision, 1, Integer::sum);
                        log.add(new Object[] {sent, revision});
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }, "load");
        thread.start();
    }

    public int answered() {
        return answered.get();
    }

    /** What failed so far: a status and body, or the exception. */
    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Answers by revision. */
    public Map<String, Integer> revisions() {
        return Map.copyOf(revisions);
    }

    public String lastRevision() {
        synchronized (log) {
            return log.isEmpty() ? "" : (String) log.get(log.size() - 1)[1];
        }
    }

    /** When the first request was sent after which every answer came from {@code revision}; 0 if none yet. */
    public long onlySince(String revision) {
        synchronized (log) {
            long since = 0;
            for (Object[] entry : log) {
                if (revision.equals(entry[1])) {
                    since = since == 0 ? (long) entry[0] : since;
                } else {
                    since = 0;
                }
            }
            return since;
        }
    }

    /** Answers to requests sent at or after {@code nanos}. */
    public long answeredAfter(long nanos) {
        synchronized (log) {
            return log.stream().filter(entry -> (long) entry[0] >= nanos).count();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
