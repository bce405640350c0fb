package io.edgemlops.data.source;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** The stream a {@link DatasetLocation.PartReader} gets: decompressed if need be, its failures naming the part. */
final class PartStreams {

    private PartStreams() {
    }

    /**
     * {@code raw} itself, or gunzipped when the part's name ends {@code .gz}. Closing the result does not close
     * {@code raw}: the rest of the part is still to be hashed after the reader is done.
     */
    static InputStream decompressed(String name, InputStream raw) throws IOException {
        InputStream kept = new FilterInputStream(raw) {
            @Override
            public void close() {
                // the caller drains and closes raw
            }
        };
        if (!PartNames.isGzip(name)) {
            return kept;
        }
        GZIPInputStream gunzip;
        try {
            gunzip = new GZIPInputStream(kept, 1 << 16);
        } catch (ZipException | EOFException e) {
            throw new BadPartException("dataset: part " + name + " is not gzip-compressed ("
                    + (e instanceof EOFException ? "it is shorter than a gzip header" : e.getMessage()) + ")", e);
        }
        return new FilterInputStream(gunzip) {
            @Override
            public int read() throws IOException {
                try {
                    return in.read();
                } catch (EOFException | ZipException e) {
                    throw damaged(name, e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (EOFException | ZipException e) {
                    throw damaged(name, e);
                }
            }

            @Override
            public long skip(long n) throws IOException {
                // through read(), so that damage found while skipping is reported alike
                byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
                long skipped = 0;
                int r;
                while (skipped < n && (r = read(buf, 0, (int) Math.min(buf.length, n - skipped))) >= 0) {
                    skipped += r;
                }
                return skipped;
            }
        };
    }

    private static BadPartException damaged(String name, IOException e) {
        String what = e instanceof EOFException ? "is truncated: its gzip data ends early" : "has corrupt gzip data";
        return new BadPartException("dataset: part " + name + " " + what + " (" + e.getMessage() + ")", e);
    }
}
