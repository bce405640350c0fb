package io.edgemlops.bench;

import io.edgemlops.store.EmbeddedS3Server;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectInfo;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.S3ObjectStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.StoreTimeouts;
import io.edgemlops.store.Stores;
import io.edgemlops.telemetry.CompactionStats;
import io.edgemlops.telemetry.FeatureCounts;
import io.edgemlops.telemetry.Health;
import io.edgemlops.telemetry.LatencyHistogram;
import io.edgemlops.telemetry.Role;
import io.edgemlops.telemetry.TelemetryCompactor;
import io.edgemlops.telemetry.TelemetryKeys;
import io.edgemlops.telemetry.TelemetryRecord;
import io.edgemlops.telemetry.WindowTelemetry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drift gate's telemetry path at fleet scale, on the embedded store served by a JVM of its own (so the heap
 * measured here is the reader's, not the server's): for each size, one record per device in one window, written
 * directly with the store in parallel; then (a) every record read with a plain GET (listing a page, reading its
 * records with bounded parallelism) against (b) {@link TelemetryCompactor} compacting the same records, records/s
 * and the ratio; (c) the time to read each compacted window again with nothing new (the sizes in turn, round after
 * round), and (d) the heap each phase needed.
 *
 * <p>{@code GateScaleBench run --work DIR [--sizes 10000,100000,1000000 --parallelism 8 --write-parallelism 16
 * --repeats 15 --server-java-opts "-Xmx2g" --reuse false]} ({@code --reuse true}: a size whose window holds raw
 * records and nothing compacted, as an interrupted run left it, is not written again; {@code --s3-endpoint URL
 * [--bucket B]}: another S3 server instead, credentials from the AWS environment, under a fresh prefix deleted
 * afterwards); {@code GateScaleBench reread --work DIR --sizes ...} times (c) again
 * on the store a run left; {@code GateScaleBench serve --dir DIR} is the server process.
 */
public final class GateScaleBench {

    private static final String MODEL = "pump";
    private static final int VERSION = 1;
    private static final Instant WINDOW = Instant.parse("2026-11-25T18:00:00Z");
    private static final List<String> TARGETS = List.of("raspberry-pi-4", "jetson-nano", "x86-gateway");
    private static final List<String> CLASSES = List.of("normal", "cavitation", "bearing_wear");

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        if (a.command().equals("serve")) {
            serve(Path.of(a.require("dir")));
            return;
        }
        if (a.command().equals("reread")) {
            rereadOnly(a);
            return;
        }
        Path work = Path.of(a.require("work"));
        Files.createDirectories(work);
        List<Integer> sizes = Arrays.stream(a.options().getOrDefault("sizes", "10000,100000,1000000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int parallelism = Integer.parseInt(a.options().getOrDefault("parallelism", "8"));
        int writers = Integer.parseInt(a.options().getOrDefault("write-parallelism", "16"));
        int repeats = Integer.parseInt(a.options().getOrDefault("repeats", "15"));
        boolean reuse = Boolean.parseBoolean(a.options().getOrDefault("reuse", "false"));
        List<String> serverOpts = List.of(a.options().getOrDefault("server-java-opts", "-Xmx2g").trim().split("\\s+"))
                .stream().filter(s -> !s.isEmpty()).toList();

        String external = a.options().get("s3-endpoint");
        if (external != null) {
            // Another S3 server (Ceph RGW, MinIO): a fresh prefix in the bucket, deleted afterwards.
            String prefix = "gate-scale-" + Long.toHexString(System.nanoTime());
            try (OpenStore open = Stores.open(StoreLocation.parse("s3://" + a.options().getOrDefault("bucket",
                    "edge-mlops") + "/" + prefix, external))) {
                try {
                    measure(open.store(), external, new CpuMeter(-1), sizes, parallelism, writers, repeats, reuse);
                } finally {
                    clear(open.store(), "");
                }
            }
            return;
        }
        Process server = startServer(work.resolve("store"), serverOpts, work.resolve("server.log"));
        try {
            URI endpoint = URI.create(readEndpoint(server, work.resolve("server.log")));
            StoreLocation location = StoreLocation.parse("s3://" + StoreLocation.LOCAL_BUCKET, endpoint.toString());
            try (S3ObjectStore store = new S3ObjectStore(location, endpoint, EmbeddedS3Server.localCredentials(),
                    StoreTimeouts.defaults(), S3ObjectStore.DEFAULT_PART_SIZE)) {
                measure(store, "embedded", new CpuMeter(server.pid()), sizes, parallelism, writers, repeats, reuse);
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static void measure(ObjectStore store, String server, CpuMeter cpu, List<Integer> sizes, int parallelism,
                                int writers, int repeats, boolean reuse) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", server);
        result.put("loadAverageBefore", loadAverage());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576);
        result.put("parallelism", parallelism);
        result.put("cpuIncludesServer", cpu.includesServer());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.add(size(store, cpu, n, parallelism, writers, reuse));
        }
        List<Map<String, Object>> rereads = reread(store, sizes, parallelism, repeats);
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).putAll(rereads.get(i));
        }
        result.put("sizes", rows);
        rereadRatios(rows, result);
        result.put("loadAverageAfter", loadAverage());
        System.out.println(Json.toString(result));
    }

    private static Map<String, Object> size(ObjectStore store, CpuMeter cpu, int n, int parallelism, int writers,
                                            boolean reuse) throws Exception {
        String fleet = "scale-" + n;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("devices", n);

        String marker = "bench-written/" + fleet;
        if (reuse && store.head(marker).isPresent() && uncompacted(store, fleet)) {
            log(n + " devices: reusing the records an earlier run wrote");
            m.put("written", "by an earlier run");
        } else {
            store.delete(marker);
            clear(store, "telemetry/" + fleet + "/");
            log(n + " devices: writing one record each (" + writers + " writers) ...");
            long t0 = System.nanoTime();
            long bytes = write(store, fleet, n, writers);
            store.putBytes(marker, Integer.toString(n).getBytes(StandardCharsets.UTF_8));
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            m.put("writeSeconds", round1(writeSeconds));
            m.put("writeRecordsPerSecond", round1(n / writeSeconds));
            m.put("meanRecordBytes", bytes / n);
            log(String.format(Locale.ROOT, "  written in %.1f s (%.0f records/s, %d bytes each)", writeSeconds,
                    n / writeSeconds, bytes / n));
        }

        log("  (a) plain GET of every record, " + parallelism + " at once ...");
        long[] read;
        double rawSeconds;
        double rawLive;
        double rawUsed;
        CallTimes rawCalls = new CallTimes();
        double rawCpu;
        try (HeapWatch heap = new HeapWatch()) {
            double cpu0 = cpu.seconds();
            long r0 = System.nanoTime();
            read = rawRead(rawCalls.around(store), fleet, parallelism);
            rawSeconds = (System.nanoTime() - r0) / 1e9;
            rawCpu = cpu.seconds() - cpu0;
            rawLive = heap.liveMiB();
            rawUsed = heap.usedMiB();
        }
        if (read[0] != n) {
            throw new IllegalStateException("read " + read[0] + " records of " + n);
        }
        m.put("rawGetSeconds", round1(rawSeconds));
        m.put("rawGetRecordsPerSecond", round1(n / rawSeconds));
        m.put("rawGetCpuMicrosPerRecord", round1(rawCpu * 1e6 / n));
        m.put("rawGetHeapLiveMiB", round1(rawLive));
        m.put("rawGetHeapUsedMiB", round1(rawUsed));
        m.put("rawGetCalls", rawCalls.figures());
        log(String.format(Locale.ROOT, "  (a) %.1f s, %.0f records/s", rawSeconds, n / rawSeconds));

        log("  (b) compaction, " + parallelism + " reads at once ...");
        CallTimes compactionCalls = new CallTimes();
        TelemetryCompactor compactor = new TelemetryCompactor(compactionCalls.around(store), parallelism,
                GateScaleBench::log);
        WindowTelemetry window;
        double compactSeconds;
        double compactCpu;
        try (HeapWatch heap = new HeapWatch()) {
            double cpu0 = cpu.seconds();
            long c0 = System.nanoTime();
            window = compactor.compactWindow(fleet, MODEL, VERSION, WINDOW);
            compactSeconds = (System.nanoTime() - c0) / 1e9;
            compactCpu = cpu.seconds() - cpu0;
            m.put("compactionHeapLiveMiB", round1(heap.liveMiB()));
            m.put("compactionHeapUsedMiB", round1(heap.usedMiB()));
            m.put("compactionFullCollections", heap.collections());
        }
        if (window.devices() != n) {
            throw new IllegalStateException("compacted " + window.devices() + " devices of " + n);
        }
        CompactionStats stats = compactor.stats();
        m.put("compactionSeconds", round1(compactSeconds));
        m.put("compactionRecordsPerSecond", round1(n / compactSeconds));
        m.put("ratioCompactionToRawGet", round3(rawSeconds / compactSeconds));
        m.put("compactionCpuMicrosPerRecord", round1(compactCpu * 1e6 / n));
        m.put("ratioCompactionToRawGetCpu", round3(rawCpu / compactCpu));
        m.put("aggregatesWritten", stats.aggregatesWritten());
        m.put("groups", window.groups().size());
        m.put("compactionCalls", compactionCalls.figures());
        log(String.format(Locale.ROOT, "  (b) %.1f s, %.0f records/s, ratio to (a) %.3f; %d aggregates written",
                compactSeconds, n / compactSeconds, rawSeconds / compactSeconds, stats.aggregatesWritten()));
        log(String.format(Locale.ROOT, "  CPU per record (reader%s): (a) %.0f us, (b) %.0f us, ratio %.3f",
                cpu.includesServer() ? " and server" : "", rawCpu * 1e6 / n, compactCpu * 1e6 / n, rawCpu / compactCpu));
        log("  calls (count, seconds summed over threads): (a) " + rawCalls.figures() + "; (b) "
                + compactionCalls.figures());

        return m;
    }

    /**
     * (c) Every size's compacted window read again with nothing new (a fresh {@code compactWindow}), the sizes in
     * turn round after round, so that a load that comes and goes on the machine falls on every size alike. Per size:
     * median and fastest time, and the largest heap in use.
     */
    private static List<Map<String, Object>> reread(ObjectStore store, List<Integer> sizes, int parallelism,
                                                    int repeats) {
        log("(c) the compacted windows read again, nothing new: " + repeats + " rounds over " + sizes + " ...");
        List<List<Double>> millis = new ArrayList<>();
        sizes.forEach(n -> millis.add(new ArrayList<>()));
        double used;
        try (HeapWatch heap = new HeapWatch()) {
            for (int round = 0; round < repeats; round++) {
                for (int i = 0; i < sizes.size(); i++) {
                    TelemetryCompactor again = new TelemetryCompactor(store, parallelism, GateScaleBench::log);
                    long g0 = System.nanoTime();
                    WindowTelemetry w = again.compactWindow("scale-" + sizes.get(i), MODEL, VERSION, WINDOW);
                    millis.get(i).add((System.nanoTime() - g0) / 1e6);
                    if (w.devices() != sizes.get(i) || again.stats().objectsRead() != 0) {
                        throw new IllegalStateException("re-read of " + sizes.get(i) + " devices: " + w.devices()
                                + " devices, " + again.stats());
                    }
                }
            }
            used = heap.usedMiB();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            List<Double> ms = millis.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rereadMillis", ms.stream().map(GateScaleBench::round1).toList());
            m.put("rereadMillisMedian", round1(median(ms)));
            m.put("rereadMillisMin", round1(ms.stream().mapToDouble(Double::doubleValue).min().orElse(0)));
            m.put("rereadHeapUsedMiB", round1(used));
            m.put("compactedBytes", store.list(TelemetryKeys.windowPrefix("scale-" + sizes.get(i), MODEL, VERSION,
                    WINDOW) + TelemetryKeys.COMPACTED + "/").stream().mapToLong(ObjectInfo::size).sum());
            log(String.format(Locale.ROOT, "  (c) %d devices: median %.1f ms, fastest %.1f ms; the 16 aggregates hold "
                    + "%d bytes", sizes.get(i), m.get("rereadMillisMedian"), m.get("rereadMillisMin"),
                    m.get("compactedBytes")));
            out.add(m);
        }
        return out;
    }

    private static void rereadRatios(List<Map<String, Object>> rows, Map<String, Object> result) {
        if (rows.size() > 1) {
            Map<String, Object> first = rows.get(0);
            Map<String, Object> last = rows.get(rows.size() - 1);
            result.put("rereadRatioLargestToSmallest", round3((double) last.get("rereadMillisMedian")
                    / (double) first.get("rereadMillisMedian")));
            result.put("rereadMinRatioLargestToSmallest", round3((double) last.get("rereadMillisMin")
                    / (double) first.get("rereadMillisMin")));
        }
    }

    /** {@code reread --work DIR --sizes ...}: (c) alone, on the store a previous run left in DIR. */
    private static void rereadOnly(BenchArgs a) throws Exception {
        Path work = Path.of(a.require("work"));
        List<Integer> sizes = Arrays.stream(a.require("sizes").split(",")).map(String::trim).map(Integer::parseInt)
                .toList();
        int parallelism = Integer.parseInt(a.options().getOrDefault("parallelism", "8"));
        int repeats = Integer.parseInt(a.options().getOrDefault("repeats", "15"));
        Process server = startServer(work.resolve("store"), List.of("-Xmx2g"), work.resolve("server-reread.log"));
        try {
            URI endpoint = URI.create(readEndpoint(server, work.resolve("server-reread.log")));
            try (S3ObjectStore store = new S3ObjectStore(StoreLocation.parse("s3://" + StoreLocation.LOCAL_BUCKET,
                    endpoint.toString()), endpoint, EmbeddedS3Server.localCredentials(), StoreTimeouts.defaults(),
                    S3ObjectStore.DEFAULT_PART_SIZE)) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("loadAverageBefore", loadAverage());
                List<Map<String, Object>> rows = reread(store, sizes, parallelism, repeats);
                for (int i = 0; i < sizes.size(); i++) {
                    rows.get(i).put("devices", sizes.get(i));
                }
                result.put("sizes", rows);
                rereadRatios(rows, result);
                result.put("loadAverageAfter", loadAverage());
                System.out.println(Json.toString(result));
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Whether the window holds raw records and nothing compacted (a run that stopped after writing all of them). */
    private static boolean uncompacted(ObjectStore store, String fleet) {
        String window = TelemetryKeys.windowPrefix(fleet, MODEL, VERSION, WINDOW);
        List<String> folders = store.listPrefixes(window);
        return !folders.isEmpty() && !folders.contains(window + TelemetryKeys.COMPACTED + "/");
    }

    /** Deletes everything under the prefix, a page at a time. */
    private static void clear(ObjectStore store, String prefix) {
        for (List<ObjectInfo> page = store.listPage(prefix, null, 1000); !page.isEmpty();
             page = store.listPage(prefix, null, 1000)) {
            store.deleteAll(page.stream().map(ObjectInfo::key).toList());
        }
    }

    /** One record per device, in parallel; returns the bytes written. */
    private static long write(ObjectStore store, String fleet, int n, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        Semaphore inFlight = new Semaphore(writers * 4);
        AtomicLong bytes = new AtomicLong();
        List<Future<?>> pending = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int device = i;
                inFlight.acquire();
                pending.add(pool.submit(() -> {
                    try {
                        TelemetryRecord r = record(fleet, device);
                        byte[] json = Json.toBytes(r);
                        store.putBytes(TelemetryKeys.recordKey(r), json);
                        bytes.addAndGet(json.length);
                    } finally {
                        inFlight.release();
                    }
                }));
                if (pending.size() == 10_000) {
                    for (Future<?> f : pending) {
                        f.get();
                    }
                    pending.clear();
                    if ((i + 1) % 100_000 == 0) {
                        log("  " + (i + 1) + " written");
                    }
                }
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return bytes.get();
    }

    /**
     * A device's window of the pump model: 16 features over 10 bins, 3 classes, a realistic latency spread,
     * about 300 inferences (a five-minute window of a busy device); the counts drawn from the device number.
     */
    static TelemetryRecord record(String fleet, int device) {
        SplittableRandom random = new SplittableRandom(device);
        int inferences = 250 + random.nextInt(100);
        List<FeatureCounts> features = new ArrayList<>(16);
        for (int f = 0; f < 16; f++) {
            long[] bins = new long[10];
            for (int i = 0; i < inferences; i++) {
                bins[Math.min(9, Math.max(0, (int) Math.round(4.5 + 1.8 * gaussian(random))))]++;
            }
            features.add(new FeatureCounts(Arrays.stream(bins).boxed().toList(), 0, 0, 0));
        }
        Map<String, Long> classes = new LinkedHashMap<>();
        long left = inferences;
        for (int c = 0; c < CLASSES.size(); c++) {
            long k = c == CLASSES.size() - 1 ? left : left * (80 - 30 * c) / 100;
            classes.put(CLASSES.get(c), k);
            left -= k;
        }
        long[] latencies = new long[inferences];
        for (int i = 0; i < inferences; i++) {
            latencies[i] = (long) (60_000 * Math.exp(0.35 * gaussian(random)));
        }
        String id = String.format("dev-%07d", device);
        Health health = device % 50 == 0 ? new Health(Health.Status.DEGRADED, true) : Health.OK;
        return new TelemetryRecord(1, fleet, MODEL, VERSION, fleet + "/" + MODEL + "/" + VERSION, id,
                TARGETS.get(device % TARGETS.size()), 1000L + device, WINDOW, 300, Role.SERVING, inferences, 0,
                features, classes, LatencyHistogram.of(latencies), health, null, null, null, 0);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * Every record of the window with a plain GET, shard by shard as compaction does: a page of 1000 keys listed,
     * its records read with {@code parallelism} GETs in flight over all shards. Returns records and bytes read.
     */
    private static long[] rawRead(ObjectStore store, String fleet, int parallelism) throws Exception {
        ExecutorService shards = Executors.newFixedThreadPool(Math.min(TelemetryKeys.SHARDS, parallelism));
        ExecutorService reads = Executors.newFixedThreadPool(parallelism);
        AtomicLong records = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < TelemetryKeys.SHARDS; s++) {
                String prefix = TelemetryKeys.shardPrefix(fleet, MODEL, VERSION, WINDOW, String.format("0%x", s));
                done.add(shards.submit(() -> {
                    String after = null;
                    while (true) {
                        List<ObjectInfo> page = store.listPage(prefix, after, 1000);
                        List<Future<?>> gets = new ArrayList<>(page.size());
                        for (ObjectInfo o : page) {
                            gets.add(reads.submit(() -> {
                                byte[] b = store.getBytes(o.key()).orElseThrow();
                                bytes.addAndGet(b.length);
                                records.incrementAndGet();
                            }));
                        }
                        for (Future<?> g : gets) {
                            g.get();
                        }
                        if (page.size() < 1000) {
                            return null;
                        }
                        after = page.get(page.size() - 1).key();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            shards.shutdownNow();
            reads.shutdownNow();
        }
        return new long[] {records.get(), bytes.get()};
    }

    /** Runs the embedded server on {@code dir} until stdin closes; prints its endpoint first. */
    private static void serve(Path dir) throws IOException {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(dir)) {
            System.out.println("endpoint " + server.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to go away
            }
        }
    }

    private static Process startServer(Path dir, List<String> javaOpts, Path logFile) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(javaOpts);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GateScaleBench.class.getName(), "serve",
                "--dir", dir.toString()));
        log("starting the embedded server in its own JVM (" + String.join(" ", javaOpts) + ") on " + dir);
        return new ProcessBuilder(cmd).redirectError(logFile.toFile()).start();
    }

    private static String readEndpoint(Process server, Path logFile) throws IOException {
        String line = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null || !line.startsWith("endpoint ")) {
            throw new IllegalStateException("the server said " + line + ":\n" + Files.readString(logFile));
        }
        return line.substring("endpoint ".length());
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void log(String line) {
        System.err.println("[gate-scale-bench] " + line);
        System.err.flush();
    }
}
