package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches {@code http(s)://} artifacts with the JDK client. Redirects are followed by hand (at most 5) so that
 * every hop's host is checked against the {@link HostPolicy} after DNS resolution. The timeout bounds the whole
 * download, redirects and body included.
 */
public final class HttpFetcher implements ArtifactFetcher {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final HostPolicy policy;
    private final Duration timeout;

    public HttpFetcher(HostPolicy policy, Duration timeout) {
        this.policy = policy;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public InputStream open(ArtifactUri artifact) throws IOException {
        ArtifactUri current = artifact;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            policy.checkResolved(current.location(), current.redacted());
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            if (remaining.isNegative() || remaining.isZero()) {
                throw new IOException("download of " + artifact + " did not finish within " + timeout
                        + " (mlcycle.runtime.http-timeout)");
            }
            HttpRequest request = HttpRequest.newBuilder(current.uri()).timeout(remaining).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + current, e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return new DeadlineInputStream(response.body(), Duration.ofNanos(deadline - System.nanoTime()),
                        timeout, current.redacted());
            }
            response.body().close();
            if (status / 100 == 3 && response.headers().firstValue("location").isPresent()) {
                URI next = current.uri().resolve(response.headers().firstValue("location").get());
                current = ArtifactUri.parse(next.toString(), policy);
                if (!current.scheme().startsWith("http")) {
                    throw new ArtifactException("artifact " + artifact + " redirects to a " + current.scheme()
                            + " URI; only http(s) redirects are followed");
                }
                continue;
            }
            throw new ArtifactException("GET " + current + " answered HTTP " + status);
        }
        throw new ArtifactException("artifact " + artifact + " redirects more than " + MAX_REDIRECTS + " times");
    }
}
