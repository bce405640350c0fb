package io.edgemlops.monitor;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where the field monitor keeps its reports in the bucket. */
public final class MonitorKeys {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private MonitorKeys() {
    }

    /** Folder of a model's reports in a fleet: {@code fleets/<fleet>/monitor/<model>/}. */
    public static String reports(String fleet, String model) {
        return "fleets/" + fleet + "/monitor/" + model + "/";
    }

    /** The report of a run at {@code time} (whole seconds, UTC): {@code fleets/<fleet>/monitor/<model>/<time>.json}. */
    public static String report(String fleet, String model, Instant time) {
        return reports(fleet, model) + TIME.format(time) + ".json";
    }
}
