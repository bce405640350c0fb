package io.edgemlops.store;

import java.time.Duration;

/**
 * Network bounds for the S3 client, so that a store that is down or hung fails fast with a clear
 * error instead of hanging a build.
 *
 * @param connect TCP connect timeout
 * @param socket read/write inactivity timeout on an open connection
 * @param apiCall upper bound for one whole API call including retries (large transfers included)
 * @param maxAttempts attempts per call (first try plus retries) on throttling, 5xx and I/O errors
 */
public record StoreTimeouts(Duration connect, Duration socket, Duration apiCall, int maxAttempts) {

    /** 5 s connect, 60 s inactivity, 15 min per call, 4 attempts with exponential backoff. */
    public static StoreTimeouts defaults() {
        return new StoreTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(15), 4);
    }
}
