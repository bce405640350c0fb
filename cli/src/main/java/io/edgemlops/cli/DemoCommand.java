package io.edgemlops.cli;

import io.edgemlops.demo.DemoRun;
import io.edgemlops.demo.DemoSettings;
import io.edgemlops.demo.TwoNights;
import io.edgemlops.store.OpenStore;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edge-mlops demo}: the whole loop over two nights on a simulated fleet (see {@link TwoNights}), one line per
 * step on stderr, the decisions as the result. Each run starts from its own folder with its own embedded store, so
 * the story is the same every time and nothing of a previous run or of the user's store is touched.
 */
@Command(name = "demo", description = "Run the whole loop over two nights on generated pump data and a simulated "
        + "fleet in accelerated time: train, quantize, validate, publish in waves and gate to production; then field "
        + "drift, retraining, champion / challenger, and a bad version the gate rolls back.")
final class DemoCommand extends StoreCommand {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--devices", defaultValue = "200", description = "Simulated devices (default: 200, at least 20).")
    int devices;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Folder of this run: its store (unless --store "
            + "is given), data, device state and report (default: ~/.edge-mlops/demo/<date-time>).")
    Path workDir;

    @Override
    protected void beforeStore() {
        if (workDir == null) {
            workDir = Path.of(System.getProperty("user.home"), ".edge-mlops", "demo",
                    RUN_ID.format(ZonedDateTime.now(ZoneOffset.UTC)));
        }
        // A store of the run's own unless --store names one: never the user's EDGE_MLOPS_STORE, where a demo model
        // has no place.
        if (storeOptions.store == null || storeOptions.store.isBlank()) {
            storeOptions.store = "local:" + workDir.resolve("store");
        }
    }

    @Override
    protected LinkedHashMap<String, Object> compute(OpenStore store) throws Exception {
        Progress log = new Progress(err());
        DemoSettings settings = DemoSettings.defaults(workDir).withDevices(devices);
        log.accept("demo: " + settings.devices() + " simulated devices, store " + store.location().uri()
                + ", files in " + workDir);
        DemoRun run = TwoNights.run(store.store(), settings, log);
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        if (output.json()) {
            result.put("nights", DemoResults.nights(run, store));
        }
        result.put("decisions", DemoResults.decisions(run));
        Path report = DemoReport.write(run, settings, store, workDir.resolve("report"));
        log.accept("report: " + report);
        result.put("report", report.toString());
        result.put("store", store.location().uri());
        result.put("workDir", workDir.toString());
        result.put("next", "./edge-mlops models history " + settings.model() + " --store " + store.location().uri());
        return result;
    }
}
