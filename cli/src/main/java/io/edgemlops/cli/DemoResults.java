package io.edgemlops.cli;

import io.edgemlops.demo.Candidate;
import io.edgemlops.demo.DemoRun;
import io.edgemlops.demo.Night;
import io.edgemlops.store.OpenStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's run as result maps: every step as the same map its command prints and its Pipeline step returns, so
 * that a reader of the demo's JSON (or its report) sees what a Jenkinsfile would get.
 */
final class DemoResults {

    private DemoResults() {
    }

    /** One map per night: the monitor's result and, per version trained, each step's result. */
    static List<Map<String, Object>> nights(DemoRun run, OpenStore store) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Night night : run.nights()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("night", night.number());
            n.put("started", night.started().toString());
            n.put("monitor", MonitorCommand.result(night.monitor()));
            List<Map<String, Object>> versions = new ArrayList<>();
            for (Candidate c : night.candidates()) {
                versions.add(candidate(c, store, run.keyId()));
            }
            n.put("versions", versions);
            out.add(n);
        }
        return out;
    }

    private static Map<String, Object> candidate(Candidate c, OpenStore store, String keyId) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", c.version());
        v.put("purpose", c.purpose());
        v.put("train", TrainCommand.result(c.trained(), store));
        if (c.int8() != null) {
            v.put("quantize", QuantizeCommand.result(c.int8()));
        }
        v.put("validate", c.validations().stream().map(ValidateCommand::result).toList());
        if (c.published() != null) {
            v.put("publish", PublishCommand.result(c.published(), keyId));
            v.put("gate", c.polls().stream().map(GateCommand::result).toList());
        }
        return v;
    }

    /** The gate's decision on each rollout, each with one line a person reads first. */
    static List<Map<String, Object>> decisions(DemoRun run) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DemoRun.Decision d : run.decisions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("summary", "night " + d.night() + ": v" + d.version() + " " + d.decision() + " at wave " + d.wave()
                    + " of " + d.waves() + switch (d.decision()) {
                        case PROMOTED -> d.wave() == d.waves() ? ", now in production" : "";
                        case ROLLED_BACK -> ": " + (d.reasons().isEmpty() ? "" : d.reasons().get(0));
                        default -> "";
                    });
            m.put("night", d.night());
            m.put("version", d.version());
            m.put("rollout", d.rollout());
            m.put("decision", d.decision().name());
            m.put("wave", d.wave());
            m.put("waves", d.waves());
            m.put("reasons", d.reasons());
            out.add(m);
        }
        return out;
    }
}
