package io.edgemlops.cli;

import io.edgemlops.demo.Candidate;
import io.edgemlops.demo.DemoRun;
import io.edgemlops.demo.DemoSettings;
import io.edgemlops.demo.Night;
import io.edgemlops.gate.GateDecision;
import io.edgemlops.registry.HistoryEntry;
import io.edgemlops.registry.ModelRegistry;
import io.edgemlops.render.Block;
import io.edgemlops.render.DriftGateView;
import io.edgemlops.render.FieldDriftView;
import io.edgemlops.render.GateLimits;
import io.edgemlops.render.GatePoll;
import io.edgemlops.render.ModelCardView;
import io.edgemlops.render.QuantizationView;
import io.edgemlops.render.ReportPage;
import io.edgemlops.render.RolloutView;
import io.edgemlops.render.Table;
import io.edgemlops.render.Tone;
import io.edgemlops.render.ValidationView;
import io.edgemlops.store.OpenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's static HTML report: the decisions first, then each night step by step, drawn by the renderer that draws
 * the Jenkins build page from the same result maps, and the model's audit trail last.
 */
final class DemoReport {

    private DemoReport() {
    }

    /** Writes {@code index.html} into {@code folder} and returns its path. */
    static Path write(DemoRun run, DemoSettings settings, OpenStore store, Path folder) throws IOException {
        ReportPage page = ReportPage.titled("Edge MLOps demo: two nights of " + settings.model() + " on fleet "
                        + settings.fleet())
                .intro(settings.devices() + " simulated devices on " + String.join(", ",
                        new java.util.TreeSet<>(settings.targets().keySet())) + ", in accelerated time; store "
                        + store.location().uri())
                .section("Decisions", decisions(run));
        GateLimits limits = new GateLimits(settings.gate().drift().psi(), settings.gate().maxErrorRate(),
                settings.gate().maxLatencyP95Ms());
        for (Night night : run.nights()) {
            page = page.section("Night " + night.number() + ": field drift",
                    FieldDriftView.html(MonitorCommand.result(night.monitor())));
            for (Candidate c : night.candidates()) {
                page = page.section("Night " + night.number() + ": " + settings.model() + " v" + c.version()
                        + ", " + c.purpose(), candidate(c, store, run.keyId(), limits));
            }
        }
        return page.section("Audit trail", auditTrail(new ModelRegistry(store.store()).history(settings.model())))
                .writeTo(folder);
    }

    private static String decisions(DemoRun run) {
        Table table = Table.withHeader("Night", "Version", "Decision", "Wave", "Why");
        boolean allAsPlanned = true;
        for (DemoRun.Decision d : run.decisions()) {
            table = table.row(d.night(), "v" + d.version(), d.decision().name(), d.wave() + " of " + d.waves(),
                    d.decision() == GateDecision.ROLLED_BACK && !d.reasons().isEmpty() ? d.reasons().get(0)
                            : d.wave() == d.waves() && d.decision() == GateDecision.PROMOTED ? "in production" : "");
            allAsPlanned &= d.decision() != GateDecision.HELD;
        }
        return new Block("decisions", "What the gate decided on each rollout", allAsPlanned ? Tone.INFO : Tone.WAIT)
                .wrap(table.html());
    }

    private static List<String> candidate(Candidate c, OpenStore store, String keyId, GateLimits limits) {
        List<String> fragments = new ArrayList<>();
        fragments.add(ModelCardView.html(TrainCommand.result(c.trained(), store)));
        if (c.int8() != null) {
            fragments.add(QuantizationView.html(QuantizeCommand.result(c.int8())));
        }
        c.validations().forEach(v -> fragments.add(ValidationView.html(ValidateCommand.result(v))));
        if (c.published() != null) {
            fragments.add(RolloutView.html(PublishCommand.result(c.published(), keyId)));
            fragments.add(DriftGateView.html(c.polls().stream().map(p -> new GatePoll(
                    p.summary().at().toEpochMilli(), GateCommand.result(p))).toList(), limits));
        }
        return fragments;
    }

    private static String auditTrail(List<HistoryEntry> entries) {
        // The registry stamps its history with the machine's clock, not the simulated one the rollouts run on.
        Table table = Table.withHeader("Time (this machine's clock)", "Event", "Version", "Actor", "Reason");
        for (HistoryEntry e : entries) {
            table = table.row(e.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                            .replace('T', ' ').replace("Z", " UTC"), e.event(),
                    e.version() == null ? "" : "v" + e.version(), e.actor() == null ? "" : e.actor(),
                    e.reason() == null ? "" : e.reason());
        }
        return new Block("audit", entries.size() + " events in the model's history, oldest first", Tone.INFO)
                .wrap(table.html());
    }
}
