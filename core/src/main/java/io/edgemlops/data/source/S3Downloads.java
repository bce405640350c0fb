package io.edgemlops.data.source;

import io.edgemlops.store.ObjectStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Downloads S3 parts to temporary files, the next part on one background thread while the current one is read,
 * so the network and the reader overlap. At most one part ahead: two parts on disk at any time (the one read and
 * the next), whatever the dataset's size. Every temporary file lives in one folder that {@link #close} removes,
 * so nothing is left behind on any failure.
 */
final class S3Downloads implements PartFiles {

    private final ObjectStore bucket;
    private final List<DatasetPart> parts;
    private final Path dir;
    private final ExecutorService thread;
    private final Map<Integer, Future<Path>> downloads = new HashMap<>();
    private volatile boolean closed;

    /**
     * @param bucket the bucket the parts' sources are keys of
     * @param tempParent where the temporary folder is made, or null for the system's temporary folder
     */
    S3Downloads(ObjectStore bucket, List<DatasetPart> parts, Path tempParent) {
        this.bucket = bucket;
        this.parts = parts;
        try {
            this.dir = tempParent == null ? Files.createTempDirectory("edge-mlops-dataset-")
                    : Files.createTempDirectory(tempParent, "edge-mlops-dataset-");
        } catch (IOException e) {
            throw new UncheckedIOException("dataset: cannot create a temporary folder for downloads: "
                    + e.getMessage(), e);
        }
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dataset-download");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Path fetch(int index) {
        Future<Path> current = downloads.computeIfAbsent(index, this::start);
        if (index + 1 < parts.size()) {
            // queued behind the current one on the single thread: it downloads while the current part is read
            downloads.computeIfAbsent(index + 1, this::start);
        }
        try {
            return current.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("dataset: interrupted while downloading "
                    + parts.get(index).name()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("dataset: cannot download " + parts.get(index).name(), e.getCause());
        }
    }

    private Future<Path> start(int index) {
        return thread.submit(() -> download(parts.get(index), index));
    }

    private Path download(DatasetPart part, int index) {
        Path file = dir.resolve("part-" + index);
        if (bucket.getToFile(part.source(), file).isEmpty()) {
            throw new IllegalArgumentException("dataset: part " + part.name() + " was deleted after it was listed");
        }
        if (closed) {
            delete(file);
        }
        return file;
    }

    @Override
    public void release(int index) {
        Future<Path> done = downloads.remove(index);
        if (done != null && done.isDone() && !done.isCancelled()) {
            try {
                delete(done.get());
            } catch (InterruptedException | ExecutionException e) {
                // failed downloads leave nothing behind but what close() removes
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            // A download under way is interrupted; wait a little for it so that its file can be removed with
            // the folder. One that does not stop removes its own file when it completes (closed is set).
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> left = Files.list(dir)) {
            left.forEach(S3Downloads::delete);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
        delete(dir);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }
}
