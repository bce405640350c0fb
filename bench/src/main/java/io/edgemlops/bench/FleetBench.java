package io.edgemlops.bench;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.fleet.FleetSimulator;
import io.edgemlops.fleet.ManualClock;
import io.edgemlops.registry.ModelCard;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.rollout.Wave;
import io.edgemlops.store.EmbeddedS3Server;
import io.edgemlops.store.Json;
import io.edgemlops.store.ObjectStore;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import io.edgemlops.telemetry.FeatureBins;
import io.edgemlops.telemetry.Health;
import io.edgemlops.telemetry.Role;
import io.edgemlops.telemetry.TelemetryBuffer;
import io.edgemlops.telemetry.TelemetryRecord;
import io.edgemlops.telemetry.TelemetrySource;
import io.edgemlops.telemetry.TelemetryUploader;
import io.edgemlops.telemetry.UploadResult;
import io.edgemlops.telemetry.WindowAggregator;
import io.edgemlops.train.TrainingOptions;
import io.edgemlops.usecase.PublishToEdge;
import io.edgemlops.usecase.TrainAndRegister;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fleet side of the engine on the embedded store, after training a pump model and publishing it: simulated
 * device-rounds per second of wall time, telemetry upload throughput against raw PUTs of the same bytes, and the
 * resident memory of the slim device agent against an idle JVM started with the same flags.
 *
 * <p>{@code FleetBench run --work DIR --jar DEVICE_JAR --java-opts "..." [--devices 200 --hours 2 --records 1000
 * --rounds 5 --predicts 1000 --epochs 3]}; the idle JVM is {@link IdleJvm}.
 */
public final class FleetBench {

    private static final String FLEET = "bench";

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        Path work = Path.of(a.require("work"));
        Files.createDirectories(work);
        int devices = Integer.parseInt(a.options().getOrDefault("devices", "200"));
        double hours = Double.parseDouble(a.options().getOrDefault("hours", "2"));
        int records = Integer.parseInt(a.options().getOrDefault("records", "1000"));
        int rounds = Integer.parseInt(a.options().getOrDefault("rounds", "5"));
        int predicts = Integer.parseInt(a.options().getOrDefault("predicts", "1000"));
        int epochs = Integer.parseInt(a.options().getOrDefault("epochs", "3"));
        List<String> javaOpts = List.of(a.options().getOrDefault("java-opts", "").trim().split("\\s+")).stream()
                .filter(s -> !s.isEmpty()).toList();

        try (OpenStore open = Stores.open(StoreLocation.parse("local:" + work.resolve("store"), null))) {
            log("training a pump model (" + epochs + " epochs) and publishing it to fleet " + FLEET + " ...");
            new SensorDataGenerator(1).writeCsv(work.resolve("pump.csv"), 3000);
            ModelCard card = TrainAndRegister.run(open.store(), new TrainAndRegister.Request("pump",
                    work.resolve("pump.csv").toString(), null, TrainingOptions.of(SensorDataGenerator.LABEL)
                    .withEpochs(epochs), work, null, null), l -> { }).card();
            KeyPair keys = SigningKeys.generate();
            Path pub = work.resolve("keys/fleet.pub");
            Files.deleteIfExists(work.resolve("keys/fleet.key"));
            Files.deleteIfExists(pub);
            SigningKeys.write(keys, work.resolve("keys/fleet.key"), pub);
            PublishToEdge.run(open.store(), new PublishToEdge.Request("pump", Integer.toString(card.version()), FLEET,
                    Map.of("raspberry-pi-4", "fp32"), List.of(Wave.percent(100)), false, true, false,
                    keys.getPrivate(), SigningKeys.keyId(keys.getPublic()), "fleet bench", work, null), l -> { });

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("loadAverageBefore", loadAverage());
            result.put("simulation", simulate(open, card, keys, work, devices, hours));
            result.put("telemetry", telemetry(open.store(), card, work, records, rounds));
            result.put("memory", memory(open, card, pub, work, Path.of(a.require("jar")), javaOpts, predicts));
            result.put("loadAverageAfter", loadAverage());
            System.out.println(Json.toString(result));
        }
    }

    private static Map<String, Object> simulate(OpenStore open, ModelCard card, KeyPair keys, Path work, int devices,
            double hours) throws InterruptedException {
        log("simulating " + devices + " devices for " + hours + " h in 5-minute rounds (accelerated) ...");
        FleetSimulator.Settings s = new FleetSimulator.Settings(FLEET, "pump", devices,
                Duration.ofMinutes(Math.round(hours * 60)), Duration.ofMinutes(5), true, 1,
                Map.of("raspberry-pi-4", 1.0), Map.of(), null, Map.of(), 0, 0, 5, work.resolve("sim"),
                keys.getPublic(), Instant.parse("2026-11-25T00:00:00Z"));
        FleetSimulator.Report r = new FleetSimulator(open.store(), s, card.baseline(), FleetBench::log).run();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("devices", r.devices());
        m.put("rounds", r.rounds());
        m.put("polls", r.polls());
        m.put("requests", r.requests());
        m.put("errors", r.errors());
        m.put("wallSeconds", r.wall().toMillis() / 1000.0);
        m.put("deviceRoundsPerSecond", round1(r.deviceRoundsPerSecond()));
        return m;
    }

    /**
     * N pump records per round through {@link TelemetryUploader} (conditional create per record, the buffer's
     * acknowledgement on disk) against {@code putBytes} of the same bytes under other keys; rounds interleaved,
     * the order alternating, records made before the clock starts.
     */
    private static Map<String, Object> telemetry(ObjectStore store, ModelCard card, Path work, int n, int rounds)
            throws IOException {
        log("telemetry: " + rounds + " interleaved rounds of " + n + " records, uploader vs raw putBytes ...");
        List<Double> uploader = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        long bytes = 0;
        for (int round = 0; round < rounds; round++) {
            TelemetryBuffer buffer = TelemetryBuffer.open(work.resolve("buffers/round-" + round), n + 10);
            List<TelemetryRecord> made = records(card, buffer, "bench-r" + round, n, round);
            made.forEach(buffer::append);
            List<byte[]> payloads = made.stream().map(Json::toBytes).toList();
            bytes = payloads.stream().mapToLong(b -> b.length).sum();
            double[] rates = new double[2];
            for (int k = 0; k < 2; k++) {
                boolean uploaderNow = (k == 0) == (round % 2 == 0);
                long t0 = System.nanoTime();
                if (uploaderNow) {
                    UploadResult r = new TelemetryUploader(store, buffer).upload();
                    if (r.uploaded() != n) {
                        throw new IllegalStateException("uploaded " + r.uploaded() + " of " + n + ": " + r);
                    }
                } else {
                    for (int i = 0; i < payloads.size(); i++) {
                        store.putBytes("bench/raw/round-" + round + "/" + i + ".json", payloads.get(i));
                    }
                }
                rates[uploaderNow ? 0 : 1] = n / ((System.nanoTime() - t0) / 1e9);
            }
            uploader.add(rates[0]);
            raw.add(rates[1]);
            log(String.format(Locale.ROOT, "  round %d: uploader %.0f records/s, putBytes %.0f records/s", round + 1,
                    rates[0], rates[1]));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", n);
        m.put("rounds", rounds);
        m.put("meanRecordBytes", bytes / n);
        m.put("uploaderRecordsPerSecondMedian", round1(median(uploader)));
        m.put("putBytesRecordsPerSecondMedian", round1(median(raw)));
        m.put("ratioUploaderToPutBytes", Math.round(median(uploader) / median(raw) * 1000) / 1000.0);
        return m;
    }

    /** {@code n} records of one device: windows of 5 minutes, 60 inferences each on baseline-like pump rows. */
    static List<TelemetryRecord> records(ModelCard card, TelemetryBuffer buffer, String device, int n, long seed) {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T00:00:00Z"));
        WindowAggregator w = new WindowAggregator(new TelemetrySource(FLEET, "pump", card.version(), "bench-rollout",
                device, "raspberry-pi-4", Role.SERVING), FeatureBins.of(card.baseline()), card.schema().classes(), 300,
                buffer::nextSeq, clock);
        w.setHealth(Health.OK);
        SplittableRandom random = new SplittableRandom(seed);
        List<FeatureProfile> features = card.baseline().features();
        int classes = card.schema().classes().size();
        List<TelemetryRecord> out = new ArrayList<>();
        while (out.size() < n) {
            for (int i = 0; i < 60; i++) {
                Map<String, Object> row = row(features, random);
                w.observe(features.stream().map(f -> row.get(f.name())).toArray(), random.nextInt(classes),
                        200_000 + random.nextInt(300_000), false);
            }
            clock.advance(Duration.ofSeconds(300));
            out.addAll(w.roll());
        }
        return out.subList(0, n);
    }

    /** A raw row drawn from the baseline's histograms (a bin by its count, then uniformly inside it). */
    static Map<String, Object> row(List<FeatureProfile> features, SplittableRandom random) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (FeatureProfile f : features) {
            if (!f.categories().isEmpty()) {
                row.put(f.name(), f.categories().get(pick(f.counts(), random)));
            } else if (f.binEdges().size() < 2) {
                row.put(f.name(), f.mean());
            } else {
                int bin = Math.min(pick(f.counts(), random), f.binEdges().size() - 2);
                double lo = f.binEdges().get(bin);
                row.put(f.name(), lo + random.nextDouble() * (f.binEdges().get(bin + 1) - lo));
            }
        }
        return row;
    }

    private static int pick(List<Long> counts, SplittableRandom random) {
        long total = counts.stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return random.nextInt(Math.max(1, counts.size()));
        }
        long r = random.nextLong(total);
        for (int i = 0; i < counts.size(); i++) {
            r -= counts.get(i);
            if (r < 0) {
                return i;
            }
        }
        return counts.size() - 1;
    }

    /** VmRSS of the slim device agent with the model installed and after {@code predicts} calls; an idle JVM's. */
    private static Map<String, Object> memory(OpenStore open, ModelCard card, Path pub, Path work, Path jar,
            List<String> javaOpts, int predicts) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(javaOpts);
        cmd.addAll(List.of("-jar", jar.toString(), "run", "--fleet", FLEET, "--model", "pump", "--device-id",
                "rss-device", "--target", "raspberry-pi-4", "--state-dir", work.resolve("rss-device").toString(),
                "--public-key", pub.toString(), "--store", "s3://" + open.location().bucket(), "--s3-endpoint",
                open.localEndpoint().toString(), "--port", Integer.toString(port), "--poll-interval", "30"));
        log("memory: starting the device agent: java " + String.join(" ", javaOpts) + " -jar " + jar.getFileName()
                + " run ...");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AWS_ACCESS_KEY_ID", EmbeddedS3Server.ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", EmbeddedS3Server.SECRET_KEY);
        pb.environment().put("AWS_REGION", "us-east-1");
        Path agentLog = work.resolve("device-agent.log");
        pb.redirectErrorStream(true).redirectOutput(agentLog.toFile());
        Process agent = pb.start();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("javaOptions", String.join(" ", javaOpts));
        try {
            HttpClient http = HttpClient.newHttpClient();
            long t0 = System.nanoTime();
            waitForInstall(http, port, agent, agentLog);
            m.put("secondsToInstalled", round1((System.nanoTime() - t0) / 1e9));
            Thread.sleep(1000);
            m.put("agentInstalledMiB", round1(rssMiB(agent.pid())));
            SplittableRandom random = new SplittableRandom(9);
            long p0 = System.nanoTime();
            for (int i = 0; i < predicts; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/predict")).POST(HttpRequest.BodyPublishers.ofString(Json.toString(
                        row(card.baseline().features(), random)))).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("/predict answered " + r.statusCode() + ": " + r.body());
                }
            }
            m.put("predicts", predicts);
            m.put("predictsPerSecondOverHttp", round1(predicts / ((System.nanoTime() - p0) / 1e9)));
            m.put("agentAfterPredictsMiB", round1(rssMiB(agent.pid())));
            m.put("agentPeakMiB", round1(kib(agent.pid(), "VmHWM") / 1024.0));
        } finally {
            agent.destroy();
            agent.waitFor();
        }
        List<String> idleCmd = new ArrayList<>(List.of(java));
        idleCmd.addAll(javaOpts);
        idleCmd.addAll(List.of("-cp", Path.of(FleetBench.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString(), IdleJvm.class.getName()));
        Process idle = new ProcessBuilder(idleCmd).redirectErrorStream(true).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(idle.getInputStream())).readLine();
            if (!"ready".equals(first)) {
                throw new IllegalStateException("the idle JVM said " + first + " instead of ready");
            }
            Thread.sleep(1000);
            m.put("idleJvmMiB", round1(rssMiB(idle.pid())));
        } finally {
            idle.destroy();
            idle.waitFor();
        }
        double installed = (double) m.get("agentInstalledMiB");
        double idleMiB = (double) m.get("idleJvmMiB");
        m.put("agentInstalledMinusIdleMiB", round1(installed - idleMiB));
        m.put("ratioAgentToIdle", Math.round(installed / idleMiB * 100) / 100.0);
        return m;
    }

    private static void waitForInstall(HttpClient http, int port, Process agent, Path logFile) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!agent.isAlive()) {
                throw new IllegalStateException("device agent exited " + agent.exitValue() + ":\n"
                        + Files.readString(logFile));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (Json.MAPPER.readTree(r.body()).hasNonNull("installedVersion")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no install within 120 s:\n" + Files.readString(logFile));
    }

    private static double rssMiB(long pid) throws IOException {
        return kib(pid, "VmRSS") / 1024.0;
    }

    /** A {@code /proc/PID/status} field in KiB. */
    private static long kib(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
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

    private static void log(String line) {
        System.err.println("[fleet-bench] " + line);
        System.err.flush();
    }
}
