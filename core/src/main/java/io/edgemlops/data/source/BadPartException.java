package io.edgemlops.data.source;

import java.io.IOException;

/**
 * A part whose content cannot be decompressed (not gzip, truncated). An {@link IOException} so that it passes
 * through a {@link DatasetLocation.PartReader}; its message names the part in case the reader wraps it.
 */
final class BadPartException extends IOException {

    BadPartException(String message, Throwable cause) {
        super(message, cause);
    }
}
