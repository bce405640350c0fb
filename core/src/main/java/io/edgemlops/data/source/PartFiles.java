package io.edgemlops.data.source;

import java.nio.file.Path;
import java.util.List;

/** Makes the parts of a dataset available as local files, one after the other, in reading order. */
interface PartFiles extends AutoCloseable {

    /** The local file holding part {@code index}; parts are fetched in increasing order. */
    Path fetch(int index);

    /** The reader is done with part {@code index}. */
    void release(int index);

    /** Gives up whatever is still held (temporary files, downloads under way). */
    @Override
    void close();

    /** Local parts are their own files. */
    static PartFiles local(List<DatasetPart> parts) {
        return new PartFiles() {
            @Override
            public Path fetch(int index) {
                return Path.of(parts.get(index).source());
            }

            @Override
            public void release(int index) {
                // nothing to free
            }

            @Override
            public void close() {
                // nothing to free
            }
        };
    }
}
