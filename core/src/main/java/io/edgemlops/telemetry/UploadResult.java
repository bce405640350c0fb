package io.edgemlops.telemetry;

/**
 * What one {@link TelemetryUploader#upload} did.
 *
 * @param uploaded records written to the store by this call
 * @param alreadyStored records found already stored (an earlier upload whose acknowledgement was lost),
 *                      acknowledged without writing them again
 * @param remaining records still waiting in the buffer
 * @param error why the upload stopped early (the store's message), or null if every record went up
 */
public record UploadResult(int uploaded, int alreadyStored, int remaining, String error) {
}
