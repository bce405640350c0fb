package io.edgemlops.cli;

import io.edgemlops.store.OpenStore;
import io.edgemlops.telemetry.CompactionStats;
import io.edgemlops.telemetry.TelemetryCompactor;
import io.edgemlops.telemetry.TelemetryKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge-mlops telemetry compact}: fold devices' raw telemetry records into per-shard aggregates. */
@Command(name = "telemetry", description = "Work on the telemetry devices upload.",
        subcommands = {TelemetryCommand.Compact.class})
public final class TelemetryCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: compact");
    }

    private static final Pattern SINCE = Pattern.compile("([0-9]{1,9})([smhd])");

    /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}. */
    static Duration since(String text) {
        Matcher m = SINCE.matcher(text == null ? "" : text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("--since: expected a positive number with s, m, h or d (e.g. 24h), got '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    @Command(name = "compact", description = "Fold the raw telemetry records of a model's versions into one aggregate "
            + "per window and shard, and delete the records folded (what the drift gate does on each poll; run it to "
            + "catch up a large backlog or to see what is there). Per version: windows, records folded, skipped, "
            + "aggregates written, seconds. Skipped records are named on stderr.")
    static final class Compact extends StoreCommand {

        @Option(names = "--fleet", required = true, description = "Fleet name.")
        String fleet;

        @Option(names = "--model", required = true, description = "Model name.")
        String model;

        @Option(names = "--version", paramLabel = "N", description = "Model version (default: every version with "
                + "telemetry).")
        Integer version;

        @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h", description = "Windows that "
                + "started at most this long ago: a number with s, m, h or d (default 24h).")
        String since;

        @Option(names = "--parallelism", defaultValue = "8", description = "Records read at once, and shards "
                + "compacted at once (default 8).")
        int parallelism;

        /** Now, for --since; replaceable in tests. */
        static Supplier<Instant> now = Instant::now;

        private Duration period;

        @Override
        protected void beforeStore() {
            TelemetryKeys.checkName("fleet", fleet);
            TelemetryKeys.checkName("model", model);
            if (version != null && version < 1) {
                throw new IllegalArgumentException("--version must be at least 1, got " + version);
            }
            if (parallelism < 1 || parallelism > 32) {
                throw new IllegalArgumentException("--parallelism must be 1..32 (the store client's connections), got "
                        + parallelism);
            }
            period = since(since);
        }

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) {
            Instant from = now.get().minus(period);
            List<Integer> versions = version != null ? List.of(version) : versions(store);
            TelemetryCompactor compactor = new TelemetryCompactor(store.store(), parallelism, line -> {
                err().println("edge-mlops: " + line);
                err().flush();
            });
            List<Map<String, Object>> perVersion = new ArrayList<>();
            for (int v : versions) {
                CompactionStats before = compactor.stats();
                long t0 = System.nanoTime();
                int windows = compactor.compact(fleet, model, v, from, Instant.MAX).size();
                CompactionStats done = compactor.stats().since(before);
                LinkedHashMap<String, Object> row = new LinkedHashMap<>();
                row.put("version", v);
                row.put("windows", windows);
                row.put("recordsFolded", done.recordsFolded());
                row.put("skipped", done.skipped());
                row.put("alreadyFolded", done.alreadyFolded());
                row.put("aggregatesWritten", done.aggregatesWritten());
                row.put("seconds", Double.parseDouble(String.format(Locale.ROOT, "%.3f",
                        (System.nanoTime() - t0) / 1e9)));
                perVersion.add(row);
            }
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("fleet", fleet);
            result.put("model", model);
            result.put("since", from.toString());
            result.put("versions", perVersion);
            return result;
        }

        /** Versions with a telemetry folder, in order. */
        private List<Integer> versions(OpenStore store) {
            String prefix = TelemetryKeys.ROOT + fleet + "/" + model + "/";
            List<Integer> out = new ArrayList<>();
            for (String folder : store.store().listPrefixes(prefix)) {
                String name = folder.substring(prefix.length(), folder.length() - 1);
                if (name.matches("[1-9][0-9]{0,8}")) {
                    out.add(Integer.parseInt(name));
                }
            }
            out.sort(null);
            return out;
        }
    }
}
