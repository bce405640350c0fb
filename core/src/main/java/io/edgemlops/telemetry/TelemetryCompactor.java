package io.edgemlops.telemetry;

import io.edgemlops.store.ConflictException;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectInfo;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.StoreException;
import io.edgemlops.store.VersionedBytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Folds a window's raw telemetry records into one compacted aggregate per shard ({@link CompactedShard}), and
 * merges the shards into a {@link WindowTelemetry}: what the drift gate reads on every poll.
 *
 * <p>Per shard: list the raw records a page at a time ({@link ObjectStore#listPage}), read them with at most
 * {@code parallelism} reads in flight, fold a batch (at most 2,000 records) onto the aggregate, write the aggregate
 * (conditional create the first time, compare-and-swap after), then delete the batch's raw records
 * ({@link ObjectStore#deleteAll}). Memory depends on the batch size and the number of groups, never on the number
 * of devices.
 *
 * <p>Crash safety and deduplication rest on one rule: the aggregate names the records its latest write folded
 * ({@code lastFolded}), and before anyone writes over that aggregate they delete those records. So every record an
 * aggregate has folded is either in its {@code lastFolded} or deleted, and a compactor folds only records that are
 * not in {@code lastFolded} and that it read after it read the aggregate. A run stopped between its write and its
 * deletes leaves records that the next run skips and deletes; two compactors on one shard never count a record
 * twice (the loser of a compare-and-swap re-reads the aggregate and redoes its batch). See docs/telemetry.md
 * ("Compaction") for the one case that counts a record twice.
 *
 * <p>Thread-safe; {@code log} may be called from several threads.
 */
public final class TelemetryCompactor {

    /** Keys asked per listing request (the S3 maximum). */
    static final int PAGE = 1000;
    /** Records folded per aggregate write, unless told otherwise. */
    static final int DEFAULT_BATCH = 2000;

    private final ObjectStore store;
    private final int parallelism;
    private final Consumer<String> log;
    private final int batchSize;

    private final LongAdder recordsFolded = new LongAdder();
    private final LongAdder alreadyFolded = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder objectsRead = new LongAdder();
    private final LongAdder aggregatesWritten = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder deletes = new LongAdder();

    /**
     * @param store the bucket
     * @param parallelism at most this many raw records read at once, and this many shards (up to 16) compacted at
     *                    once
     * @param log receives a line per record skipped (naming its key) and per oddity
     */
    public TelemetryCompactor(ObjectStore store, int parallelism, Consumer<String> log) {
        this(store, parallelism, log, DEFAULT_BATCH);
    }

    /** With another batch size: tests use small batches to get many writes out of few records. */
    TelemetryCompactor(ObjectStore store, int parallelism, Consumer<String> log, int batchSize) {
        if (parallelism < 1 || batchSize < 1) {
            throw new IllegalArgumentException("parallelism and batch size must be at least 1, got " + parallelism
                    + " and " + batchSize);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.parallelism = parallelism;
        this.log = Objects.requireNonNull(log, "log");
        this.batchSize = batchSize;
    }

    /** Windows of the version in the bucket with start in [from, toExclusive), in time order. */
    public List<Instant> windows(String fleet, String model, int version, Instant from, Instant toExclusive) {
        String prefix = TelemetryKeys.versionPrefix(fleet, model, version);
        List<Instant> out = new ArrayList<>();
        for (String folder : store.listPrefixes(prefix)) {
            String text = folder.substring(prefix.length(), folder.length() - 1);
            Instant window;
            try {
                window = TelemetryKeys.parseWindow(text);
            } catch (IllegalArgumentException e) {
                log("telemetry compaction: ignoring " + store.location().describe(folder) + ": not a window folder");
                continue;
            }
            if (!window.isBefore(from) && window.isBefore(toExclusive)) {
                out.add(window);
            }
        }
        Collections.sort(out);
        return out;
    }

    /** {@link #compactWindow} of every window of {@link #windows}, in time order. */
    public List<WindowTelemetry> compact(String fleet, String model, int version, Instant from, Instant toExclusive) {
        List<WindowTelemetry> out = new ArrayList<>();
        for (Instant window : windows(fleet, model, version, from, toExclusive)) {
            out.add(compactWindow(fleet, model, version, window));
        }
        return out;
    }

    /**
     * Folds the window's new raw records of every shard into its compacted aggregates, and returns the window
     * merged over all shards (no groups if there is no telemetry).
     *
     * @throws StoreException if the store fails, or a compacted aggregate cannot be read (records that cannot be
     *                        read are skipped and logged instead)
     */
    public WindowTelemetry compactWindow(String fleet, String model, int version, Instant windowStart) {
        String windowPrefix = TelemetryKeys.windowPrefix(fleet, model, version, windowStart);
        // One listing says which shards have raw records and whether any has an aggregate, so a window compacted
        // before costs a read per aggregate, not a listing per shard as well.
        Set<String> folders = new HashSet<>();
        for (String p : store.listPrefixes(windowPrefix)) {
            folders.add(p.substring(windowPrefix.length(), p.length() - 1));
        }
        boolean anyAggregate = folders.contains(TelemetryKeys.COMPACTED);
        ExecutorService shardPool = pool(Math.min(TelemetryKeys.SHARDS, parallelism), "telemetry-shard");
        ExecutorService readPool = pool(parallelism, "telemetry-read");
        try {
            List<Future<CompactedShard>> shards = new ArrayList<>();
            for (int i = 0; i < TelemetryKeys.SHARDS; i++) {
                String shard = String.format("0%x", i);
                boolean raw = folders.contains(shard);
                if (raw) {
                    shards.add(shardPool.submit(() -> compactShard(fleet, model, version, windowStart, shard,
                            readPool)));
                } else if (anyAggregate) {
                    shards.add(shardPool.submit(() -> readAggregate(fleet, model, version, windowStart, shard).shard()));
                }
            }
            return merge(version, windowStart, awaitAll(shards));
        } finally {
            shardPool.shutdownNow();
            readPool.shutdownNow();
        }
    }

    /** What this compactor did so far, over all its calls. */
    public CompactionStats stats() {
        return new CompactionStats(recordsFolded.sum(), alreadyFolded.sum(), skipped.sum(), objectsRead.sum(),
                aggregatesWritten.sum(), conflicts.sum(), deletes.sum());
    }

    /** A shard's aggregate as read, with its ETag (null if there is none yet). */
    private record Aggregate(CompactedShard shard, String etag, boolean lastFoldedDeleted) {

        Aggregate deleted() {
            return new Aggregate(shard, etag, true);
        }
    }

    private CompactedShard compactShard(String fleet, String model, int version, Instant window, String shard,
                                        ExecutorService readPool) {
        Aggregate aggregate = readAggregate(fleet, model, version, window, shard);
        Set<String> lastFolded = aggregate.shard().lastFoldedSet();
        String prefix = aggregate.shard().shardPrefix();
        // Records the aggregate's latest write folded and did not delete (it stopped before): deleted at the end,
        // unless a write of this run deletes them first.
        List<String> leftovers = new ArrayList<>();
        List<TelemetryKey> batch = new ArrayList<>();
        String after = null;
        while (true) {
            List<ObjectInfo> page = store.listPage(prefix, after, PAGE);
            for (ObjectInfo o : page) {
                TelemetryKey key = recordKey(o.key(), aggregate.shard());
                if (key == null) {
                    continue;
                }
                if (lastFolded.contains(CompactedShard.foldedName(key))) {
                    alreadyFolded.increment();
                    leftovers.add(o.key());
                    continue;
                }
                batch.add(key);
                if (batch.size() == batchSize) {
                    aggregate = foldBatch(aggregate, batch, readPool);
                    lastFolded = aggregate.shard().lastFoldedSet();
                    batch.clear();
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).key();
        }
        if (!batch.isEmpty()) {
            aggregate = foldBatch(aggregate, batch, readPool);
        }
        if (!leftovers.isEmpty() && !aggregate.lastFoldedDeleted()) {
            deleteAll(leftovers);
        }
        return aggregate.shard();
    }

    /** The key of a raw record of the shard, or null (logged, counted as skipped) if it is none. */
    private TelemetryKey recordKey(String key, CompactedShard shard) {
        try {
            TelemetryKey parsed = TelemetryKeys.parse(key);
            if (!parsed.compacted() && shard.sameShard(parsed)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // not a record: logged below
        }
        skip(key, "not a telemetry record key");
        return null;
    }

    /** What one attempt at a batch saw besides the records it folded. */
    private static final class Attempt {
        final AtomicInteger vanished = new AtomicInteger();
        final List<String> skips = Collections.synchronizedList(new ArrayList<>());
    }

    /**
     * Reads and folds one batch, writes the aggregate, deletes the batch's records. A lost compare-and-swap
     * re-reads the aggregate, drops what its latest write folded, and reads the rest again: a record read before
     * the aggregate it is folded onto may have been folded and deleted by the writer that got in between.
     */
    private Aggregate foldBatch(Aggregate aggregate, List<TelemetryKey> keys, ExecutorService readPool) {
        List<TelemetryKey> todo = keys;
        while (true) {
            // Listed before the aggregate was last read (a write of this run, or a lost race, came in between): what
            // its latest write folded may still be there, and is not folded again.
            Set<String> folded = aggregate.shard().lastFoldedSet();
            List<TelemetryKey> left = todo.stream().filter(k -> !folded.contains(CompactedShard.foldedName(k))).toList();
            alreadyFolded.add(todo.size() - left.size());
            todo = left;
            Attempt attempt = new Attempt();
            ShardBatch batch = read(aggregate.shard(), todo, readPool, attempt);
            if (batch.size() == 0) {
                settle(attempt);
                return aggregate;
            }
            if (!aggregate.lastFoldedDeleted()) {
                deleteAll(aggregate.shard().lastFoldedKeys());
                aggregate = aggregate.deleted();
            }
            CompactedShard next = batch.result();
            Aggregate written;
            try {
                written = write(aggregate, next);
            } catch (ConflictException e) {
                conflicts.increment();
                aggregate = readAggregate(next.fleet(), next.model(), next.modelVersion(), next.windowStart(),
                        next.shard());
                continue;
            }
            aggregatesWritten.increment();
            recordsFolded.add(batch.size());
            settle(attempt);
            deleteAll(next.lastFoldedKeys());
            return written.shard().lastFolded().equals(next.lastFolded()) ? written.deleted() : written;
        }
    }

    private void settle(Attempt attempt) {
        alreadyFolded.add(attempt.vanished.get());
        skipped.add(attempt.skips.size());
        attempt.skips.forEach(this::log);
    }

    /** Reads the records with {@code parallelism} reads in flight and folds them onto {@code base}. */
    private ShardBatch read(CompactedShard base, List<TelemetryKey> keys, ExecutorService readPool, Attempt attempt) {
        ShardBatch batch = new ShardBatch(base);
        List<Future<Void>> reads = new ArrayList<>(keys.size());
        for (TelemetryKey key : keys) {
            reads.add(readPool.submit(() -> {
                readOne(key, batch, attempt);
                return null;
            }));
        }
        awaitAll(reads);
        return batch;
    }

    private void readOne(TelemetryKey key, ShardBatch batch, Attempt attempt) {
        String k = key.key();
        Optional<byte[]> bytes = store.getBytes(k);
        objectsRead.increment();
        if (bytes.isEmpty()) {
            // Folded and deleted by another compactor since it was listed.
            attempt.vanished.incrementAndGet();
            return;
        }
        TelemetryRecord record;
        try {
            record = Json.fromBytes(bytes.get(), TelemetryRecord.class, k);
        } catch (StoreException e) {
            attempt.skips.add(skipLine(k, e.getMessage()));
            return;
        }
        String why = disagreement(key, record);
        if (why == null) {
            why = batch.add(key, record);
        }
        if (why != null) {
            attempt.skips.add(skipLine(k, why));
        }
    }

    /** What in the record disagrees with its key, or null. */
    private static String disagreement(TelemetryKey key, TelemetryRecord r) {
        if (!r.fleet().equals(key.fleet())) {
            return "its fleet " + r.fleet() + " disagrees with its key";
        }
        if (!r.model().equals(key.model())) {
            return "its model " + r.model() + " disagrees with its key";
        }
        if (r.modelVersion() != key.version()) {
            return "its model version " + r.modelVersion() + " disagrees with its key";
        }
        if (!r.windowStart().equals(key.windowStart())) {
            return "its window " + r.windowStart() + " disagrees with its key";
        }
        if (!key.deviceId().equals(r.deviceId()) || !key.seq().equals(r.seq())) {
            return "its device and seq " + r.deviceId() + "/" + r.seq() + " disagree with its key";
        }
        return null;
    }

    /** Creates the aggregate, or replaces the one read; a lost race is a {@link ConflictException}. */
    private Aggregate write(Aggregate current, CompactedShard next) {
        byte[] bytes = Json.toBytes(next);
        if (current.etag() != null) {
            return new Aggregate(next, store.compareAndSwap(next.key(), bytes, current.etag()), false);
        }
        if (!store.createIfAbsent(next.key(), bytes)) {
            throw new ConflictException(store.location().describe(next.key()) + " was created by someone else", null);
        }
        // A conditional create returns no ETag, and a head afterwards may already see a later writer's: read the
        // aggregate back, whoever's it is now (a later one includes this write, and deleted its records first).
        return readAggregate(next.fleet(), next.model(), next.modelVersion(), next.windowStart(), next.shard());
    }

    private Aggregate readAggregate(String fleet, String model, int version, Instant window, String shard) {
        String key = TelemetryKeys.compactedKey(fleet, model, version, window, shard);
        Optional<VersionedBytes> stored = store.getVersioned(key);
        if (stored.isEmpty()) {
            return new Aggregate(CompactedShard.empty(fleet, model, version, window, shard), null, true);
        }
        CompactedShard aggregate;
        try {
            aggregate = Json.fromBytes(stored.get().bytes(), CompactedShard.class, key);
        } catch (StoreException e) {
            throw new StoreException("cannot read the compacted telemetry " + store.location().describe(key) + " ("
                    + e.getMessage() + "); its shard is not compacted further, so that nothing folded into it is "
                    + "lost or counted twice: inspect it", e);
        }
        if (!aggregate.sameShard(TelemetryKeys.parse(key))) {
            throw new StoreException("the compacted telemetry " + store.location().describe(key) + " is of another "
                    + "shard (" + aggregate.key() + "); its shard is not compacted further: inspect it");
        }
        return new Aggregate(aggregate, stored.get().etag(), aggregate.lastFolded().isEmpty());
    }

    private void deleteAll(List<String> keys) {
        if (!keys.isEmpty()) {
            store.deleteAll(keys);
            deletes.add(keys.size());
        }
    }

    /**
     * The shards' groups merged. Records of one window normally share one shape (window length, features and bins,
     * see {@link ShardBatch}); if not, the shape with the most devices is the window's, and the groups of any other
     * shape are logged and left out (they stay in the aggregates).
     */
    private WindowTelemetry merge(int version, Instant windowStart, List<CompactedShard> shards) {
        Map<List<Integer>, Long> devicesByShape = new HashMap<>();
        for (CompactedShard s : shards) {
            for (GroupTelemetry g : s.groups()) {
                devicesByShape.merge(ShardBatch.shape(g.counts()), g.devices(), Long::sum);
            }
        }
        List<Integer> shape = devicesByShape.entrySet().stream()
                .max(Map.Entry.<List<Integer>, Long>comparingByValue()
                        .thenComparing(e -> e.getKey().toString(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(List.of(0));
        List<GroupTelemetry> merged = new ArrayList<>();
        for (CompactedShard s : shards) {
            for (GroupTelemetry g : s.groups()) {
                if (!ShardBatch.shape(g.counts()).equals(shape)) {
                    log("telemetry compaction: left out of window " + windowStart + ": " + g.devices()
                            + (g.devices() == 1 ? " record of " : " records of ")
                            + g.target() + "/" + g.role().name().toLowerCase(Locale.ROOT) + "/" + g.rolloutId()
                            + " in " + store.location().describe(s.key()) + ": their window length and bins per "
                            + "feature are " + ShardBatch.shape(g.counts()) + ", the window's " + shape);
                    continue;
                }
                int i = indexOf(merged, g);
                merged.add(i < 0 ? g : merged.remove(i).plus(g));
            }
        }
        return new WindowTelemetry(version, windowStart, shape.get(0), merged);
    }

    private static int indexOf(List<GroupTelemetry> groups, GroupTelemetry g) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).sameGroup(g)) {
                return i;
            }
        }
        return -1;
    }

    private void skip(String key, String why) {
        skipped.increment();
        log(skipLine(key, why));
    }

    private String skipLine(String key, String why) {
        return "telemetry compaction: skipped " + store.location().describe(key) + ": " + why;
    }

    private void log(String line) {
        synchronized (log) {
            log.accept(line);
        }
    }

    /** Waits for every task; the first failure cancels the others and is rethrown as it was. */
    private static <T> List<T> awaitAll(List<Future<T>> futures) {
        List<T> out = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("telemetry compaction interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new StoreException("telemetry compaction failed: " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            throw new StoreException("telemetry compaction cancelled", e);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    private static ExecutorService pool(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
