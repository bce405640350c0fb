package io.edgemlops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgemlops.bench.RolloutSimulator.Drift;
import io.edgemlops.bench.RolloutSimulator.Fleet;
import io.edgemlops.bench.RolloutSimulator.Rollout;
import io.edgemlops.bench.RolloutSimulator.SwapCost;
import io.edgemlops.bench.RolloutSimulator.WaveResult;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.drift.WilsonInterval;
import io.edgemlops.gate.GateDecision;
import io.edgemlops.gate.GatePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Statistical honesty of the drift gate, measured over whole seeded rollouts ({@code bench/gate-honesty-bench.sh}):
 * how often a rollout without drift is rolled back, and how often a shift is caught, when every number the gate
 * reads is made as the engine makes it and {@link io.edgemlops.gate.GateEvaluator} judges poll after poll.
 *
 * <p>Per seed: the new version's baseline from 2,500 generated pump rows ({@link RolloutSimulator#baseline}: the
 * engine's split and profiler, 500 holdout rows), the previous version's from other rows; a fleet of 400 devices on
 * two targets, 5 % / 25 % / 100 % waves; each device serves about 25 inferences per 5-minute window (×0.5 to ×1.5
 * per device), inputs drawn from a pool of generated rows ({@link RowPool}) and counted over its version's baseline
 * bins, predicted classes the rows' labels, 0.2 % failed inferences on both versions, latency log-normal around
 * 0.40 / 0.45 ms with per-device and per-window factors, rare spikes and a light swap cost (a device's first 3
 * inferences after the install twice as slow; budget 2 ms);
 * devices install 5 to 60 s after the wave starts; 2 % of records reach the store one poll late. The gate polls every
 * 5 minutes with {@link GatePolicy#defaults()} (critical features per scenario).
 *
 * <pre>
 * GateHonestyBench run [--seeds 200] [--from 1] [--rows 2500] [--devices 400] [--windows 24] [--threads N]
 *                      [--pool 100000] [--only a,c-field]
 * </pre>
 * Prints tables on stdout, then one line of JSON; progress on stderr.
 */
public final class GateHonestyBench {

    static final String CRITICAL = "temp_bearing";
    /** Windows judged at the first poll after the default 30-minute soak. */
    private static final int SOAK_WINDOWS = 5;
    private static final long POOL_SEED = 0xB0B_5EEDL;
    private static final long PREVIOUS_SEED_OFFSET = 1_000_003L;
    private static final double MAX_FALSE_ROLLBACKS = 0.01;
    private static final double MIN_DETECTION = 0.95;

    /**
     * One experiment.
     *
     * @param id short name
     * @param label what it is
     * @param drift what shifts
     * @param goal "false-rollback", "detection" or null (reported only)
     */
    record Scenario(String id, String label, Drift drift, SwapCost swap, String goal) {

        Scenario(String id, String label, Drift drift, String goal) {
            this(id, label, drift, SwapCost.LIGHT, goal);
        }

        boolean shifted() {
            return !drift.shift().isEmpty();
        }
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("a", "no drift, defaults (no critical feature)", new Drift(Map.of(), false, Set.of()),
                    "false-rollback"),
            new Scenario("a-crit", "no drift, " + CRITICAL + " critical", new Drift(Map.of(), false,
                    Set.of(CRITICAL)), "false-rollback"),
            new Scenario("a-swap", "no drift, heavy swap cost (10 calls ×3)", new Drift(Map.of(), false, Set.of()),
                    new SwapCost(10, 3), null),
            new Scenario("b-field", "0.5 σ every feature, field (wave and control)",
                    new Drift(Map.of("*", 0.5), true, Set.of()), "detection"),
            new Scenario("b-wave", "0.5 σ every feature, wave only", new Drift(Map.of("*", 0.5), false, Set.of()),
                    "detection"),
            new Scenario("c-field", "0.5 σ " + CRITICAL + " (critical), field",
                    new Drift(Map.of(CRITICAL, 0.5), true, Set.of(CRITICAL)), null),
            new Scenario("c-wave", "0.5 σ " + CRITICAL + " (critical), wave only",
                    new Drift(Map.of(CRITICAL, 0.5), false, Set.of(CRITICAL)), null),
            new Scenario("d-field", "1.0 σ " + CRITICAL + " (critical), field",
                    new Drift(Map.of(CRITICAL, 1.0), true, Set.of(CRITICAL)), null),
            new Scenario("d-wave", "1.0 σ " + CRITICAL + " (critical), wave only",
                    new Drift(Map.of(CRITICAL, 1.0), false, Set.of(CRITICAL)), null));

    private GateHonestyBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        if (!a.command().equals("run")) {
            throw new IllegalArgumentException("unknown command '" + a.command() + "'; use run");
        }
        int seeds = Integer.parseInt(a.options().getOrDefault("seeds", "200"));
        int from = Integer.parseInt(a.options().getOrDefault("from", "1"));
        int rows = Integer.parseInt(a.options().getOrDefault("rows", "2500"));
        int threads = Integer.parseInt(a.options().getOrDefault("threads",
                String.valueOf(Runtime.getRuntime().availableProcessors())));
        int poolRows = Integer.parseInt(a.options().getOrDefault("pool", "100000"));
        Fleet fleet = new Fleet(Integer.parseInt(a.options().getOrDefault("devices", "400")), List.of(5, 25, 100),
                25, 0.002, 0.02, Integer.parseInt(a.options().getOrDefault("windows", "24")));
        List<Scenario> scenarios = SCENARIOS;
        if (a.options().containsKey("only")) {
            List<String> only = List.of(a.options().get("only").split(","));
            scenarios = SCENARIOS.stream().filter(s -> only.contains(s.id())).toList();
        }
        run(scenarios, from, seeds, rows, threads, poolRows, fleet);
    }

    static void run(List<Scenario> scenarios, int from, int seeds, int rows, int threads, int poolRows, Fleet fleet)
            throws Exception {
        long t0 = System.nanoTime();
        double worst = RowPool.checkShiftMatchesGenerator(Map.of("*", 0.5), 7, 2_000);
        log("shift check: pool value + shift · std equals SensorDataGenerator.withShift to " + worst);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        RowPool pool = RowPool.generate(poolRows, POOL_SEED, executor);
        log("pool of " + pool.size + " rows in " + seconds(t0) + " s");
        GatePolicy defaults = GatePolicy.defaults();
        List<Future<List<Rollout>>> futures = new ArrayList<>();
        for (int s = from; s < from + seeds; s++) {
            long seed = s;
            List<Scenario> all = scenarios;
            futures.add(executor.submit(() -> {
                DatasetProfile baseline = RolloutSimulator.baseline(seed, rows);
                DatasetProfile previous = RolloutSimulator.baseline(seed + PREVIOUS_SEED_OFFSET, rows);
                List<Rollout> out = new ArrayList<>();
                for (Scenario sc : all) {
                    GatePolicy policy = defaults.withDrift(defaults.drift().withCritical(sc.drift().critical()));
                    out.add(new RolloutSimulator(fleet, policy, sc.drift(), sc.swap(), CRITICAL, baseline, previous, pool)
                            .run(seed));
                }
                return out;
            }));
        }
        List<List<Rollout>> bySeed = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            bySeed.add(futures.get(i).get());
            if ((i + 1) % 25 == 0) {
                log((i + 1) + " of " + seeds + " seeds, " + seconds(t0) + " s");
            }
        }
        executor.shutdown();
        Map<Scenario, List<Rollout>> results = new LinkedHashMap<>();
        for (int k = 0; k < scenarios.size(); k++) {
            List<Rollout> list = new ArrayList<>();
            for (List<Rollout> r : bySeed) {
                list.add(r.get(k));
            }
            results.put(scenarios.get(k), list);
        }
        report(results, from, seeds, rows, fleet, seconds(t0), threads);
    }

    private static void report(Map<Scenario, List<Rollout>> results, int from, int seeds, int rows, Fleet fleet,
                               double took, int threads) throws Exception {
        int waves = fleet.waves().size();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "gate honesty: %d seeded rollouts per scenario (seeds %d to %d), "
                        + "%d-row baselines (%d holdout), %d devices, waves %s, GatePolicy.defaults(), at most %d "
                        + "windows per wave; %.0f s on %d threads%n%n", seeds, from, from + seeds - 1, rows, rows / 5,
                fleet.devices(), fleet.waves(), fleet.maxWindows(), took, threads));
        out.append(String.format(Locale.ROOT, "%-8s %-46s | %-29s | %-31s | %s%n", "", "",
                "wave 1 (5 %): decision", "whole rollout", "wave 1 decision"));
        out.append(String.format(Locale.ROOT, "%-8s %-46s | %7s %7s %5s %7s | %8s %8s %5s %7s | %8s %8s%n",
                "scenario", "what", "rolled", "promo.", "held", "waiting", "rolled", "product.", "held", "waiting",
                "windows", "samples"));
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<Scenario, List<Rollout>> e : results.entrySet()) {
            Scenario s = e.getKey();
            List<Rollout> rs = e.getValue();
            int[] first = new int[GateDecision.values().length];
            int[] end = new int[GateDecision.values().length];
            int completed = 0;
            List<Integer> windows = new ArrayList<>();
            List<Long> samples = new ArrayList<>();
            for (Rollout r : rs) {
                WaveResult w1 = r.waves().get(0);
                first[w1.decision().ordinal()]++;
                windows.add(w1.windows());
                samples.add(w1.samples());
                if (r.completed(waves)) {
                    completed++;
                } else {
                    end[r.last().decision().ordinal()]++;
                }
            }
            out.append(String.format(Locale.ROOT, "%-8s %-46s | %7s %7s %5d %7d | %8s %8s %5d %7d | %8s %8s%n",
                    s.id(), s.label(), pct(first[GateDecision.ROLLED_BACK.ordinal()], seeds),
                    pct(first[GateDecision.PROMOTED.ordinal()], seeds), first[GateDecision.HELD.ordinal()],
                    first[GateDecision.WAIT.ordinal()], pct(end[GateDecision.ROLLED_BACK.ordinal()], seeds),
                    pct(completed, seeds), end[GateDecision.HELD.ordinal()], end[GateDecision.WAIT.ordinal()],
                    median(windows), median(samples)));
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("label", s.label());
            j.put("seeds", seeds);
            j.put("wave1RolledBack", first[GateDecision.ROLLED_BACK.ordinal()]);
            j.put("wave1Promoted", first[GateDecision.PROMOTED.ordinal()]);
            j.put("wave1Held", first[GateDecision.HELD.ordinal()]);
            j.put("wave1Waiting", first[GateDecision.WAIT.ordinal()]);
            j.put("rolledBack", end[GateDecision.ROLLED_BACK.ordinal()]);
            j.put("completed", completed);
            j.put("held", end[GateDecision.HELD.ordinal()]);
            j.put("waiting", end[GateDecision.WAIT.ordinal()]);
            j.put("wave1MedianWindows", median(windows));
            j.put("wave1MedianSamples", median(samples));
            json.put(s.id(), j);
        }
        out.append("\n(rolled = ROLLED_BACK, promo. = PROMOTED, product. = promoted through every wave to "
                + "production; windows and samples: median judged windows and new-version inferences at wave 1's "
                + "decision)\n");

        for (Map.Entry<Scenario, List<Rollout>> e : results.entrySet()) {
            Scenario s = e.getKey();
            List<Rollout> rs = e.getValue();
            if (!s.shifted()) {
                out.append('\n').append(promotionTimes(s, rs, fleet.waves()));
                out.append(falseRollbacks(s, rs));
            } else {
                out.append('\n').append(detection(s, rs));
            }
        }
        out.append('\n').append(verdicts(results, seeds));
        System.out.print(out);
        System.out.println(new ObjectMapper().writeValueAsString(json));
    }

    /** Windows until PROMOTED, wave by wave. */
    private static String promotionTimes(Scenario s, List<Rollout> rs, List<Integer> waves) {
        StringBuilder out = new StringBuilder(s.id() + ": windows judged when PROMOTED (5-minute windows; the "
                + "first is partial; soak 30 min = 5 windows)\n");
        for (int w = 0; w < waves.size(); w++) {
            Map<Integer, Integer> histogram = new TreeMap<>();
            for (Rollout r : rs) {
                if (r.waves().size() > w && r.waves().get(w).decision() == GateDecision.PROMOTED) {
                    histogram.merge(r.waves().get(w).windows(), 1, Integer::sum);
                }
            }
            StringBuilder line = new StringBuilder();
            histogram.forEach((k, v) -> line.append(String.format(Locale.ROOT, "  %d: %d", k, v)));
            out.append(String.format(Locale.ROOT, "  wave %d (%d %%):%s%n", w + 1, waves.get(w), line));
        }
        for (Rollout r : rs) {
            for (WaveResult w : r.waves()) {
                if (w.decision() == GateDecision.PROMOTED && w.windows() > SOAK_WINDOWS) {
                    out.append(String.format(Locale.ROOT, "  seed %d, wave %d promoted after %d windows; the poll "
                            + "before waited for: %s%n", r.seed(), w.wave() + 1, w.windows(),
                            String.join(" | ", w.waitedBefore())));
                }
            }
        }
        return out.toString();
    }

    /** Every rollback of a rollout without drift, with its reasons. */
    private static String falseRollbacks(Scenario s, List<Rollout> rs) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (Rollout r : rs) {
            WaveResult last = r.last();
            if (last.decision() == GateDecision.ROLLED_BACK || last.decision() == GateDecision.HELD) {
                n++;
                out.append(String.format(Locale.ROOT, "  seed %d, wave %d, %d windows, %d samples%s: %s%n", r.seed(),
                        last.wave() + 1, last.windows(), last.samples(), last.hard() ? " (hard failure)" : "",
                        String.join(" | ", last.reasons())));
            }
            for (WaveResult w : r.waves()) {
                if (w.decision() == GateDecision.WAIT) {
                    out.append(String.format(Locale.ROOT, "  seed %d, wave %d still waiting after %d windows: %s%n",
                            r.seed(), w.wave() + 1, w.windows(), String.join(" | ", w.reasons())));
                }
            }
        }
        Map<String, Integer> unconfirmed = new TreeMap<>();
        int saved = 0;
        for (Rollout r : rs) {
            Set<String> kinds = new java.util.TreeSet<>();
            r.waves().stream().filter(w -> w.decision() == GateDecision.PROMOTED)
                    .forEach(w -> kinds.addAll(w.seenKinds()));
            saved += kinds.isEmpty() ? 0 : 1;
            kinds.forEach(k -> unconfirmed.merge(k, 1, Integer::sum));
        }
        return s.id() + ": false rollbacks (or holds): " + n + "; rollouts with a soft violation seen in some poll of a "
                + "wave that was then promoted (not confirmed over " + GatePolicy.defaults().confirmWindows()
                + " windows): " + saved + (unconfirmed.isEmpty() ? "" : " " + unconfirmed) + "\n" + out;
    }

    /** Detections and misses of a shift scenario. */
    private static String detection(Scenario s, List<Rollout> rs) {
        StringBuilder out = new StringBuilder();
        int flipsRollouts = 0;
        int flips = 0;
        int fieldReasons = 0;
        int rolled = 0;
        List<Double> missedPsi = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (Rollout r : rs) {
            WaveResult w1 = r.waves().get(0);
            int f = r.waves().stream().mapToInt(WaveResult::kindFlips).sum();
            flips += f;
            flipsRollouts += f > 0 ? 1 : 0;
            if (w1.decision() == GateDecision.ROLLED_BACK) {
                rolled++;
                fieldReasons += w1.field() ? 1 : 0;
            } else {
                missedPsi.add(w1.watchPsi());
                misses.add(String.format(Locale.ROOT, "seed %d: %s after %d windows (%d samples), %s PSI %s on the "
                                + "wave, %s on the control, %d features drifted, drift seen in %d polls, %d kind "
                                + "flips; rollout: %s",
                        r.seed(), w1.decision(), w1.windows(), w1.samples(), CRITICAL, num(w1.watchPsi()),
                        num(w1.watchControlPsi()), w1.driftedFeatures(), w1.seenDrift(), w1.kindFlips(),
                        r.last().decision() + " in wave " + (r.last().wave() + 1) + " after " + r.last().windows()
                                + " windows" + (r.last().wave() == 0 ? "" : ": " + String.join(" | ",
                                r.last().reasons()))));
            }
        }
        long firstLook = rs.stream().filter(r -> Boolean.TRUE.equals(r.waves().get(0).firstJudged())).count();
        out.append(String.format(Locale.ROOT, "%s (%s): wave 1 rolled back %d of %d (%s), %d of them as field "
                        + "drift; input drift already in the first snapshot with %d samples (one look): %d (%s); "
                        + "drift kind flipped (drift ↔ field drift) between consecutive polls in %d rollouts "
                        + "(%d flips)%n", s.id(), s.label(), rolled, rs.size(), pct(rolled, rs.size()), fieldReasons,
                GatePolicy.defaults().minSamples(), firstLook, pct(firstLook, rs.size()), flipsRollouts, flips));
        if (!misses.isEmpty()) {
            double[] psi = missedPsi.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted()
                    .toArray();
            if (psi.length > 0) {
                out.append(String.format(Locale.ROOT, "  missed in wave 1: %d; %s PSI on the wave at the decision: "
                                + "min %.3f, median %.3f, max %.3f%n", misses.size(), CRITICAL, psi[0],
                        psi[psi.length / 2], psi[psi.length - 1]));
            }
            int shown = 0;
            for (String m : misses) {
                if (shown++ < 25) {
                    out.append("  ").append(m).append('\n');
                }
            }
            if (misses.size() > 25) {
                out.append("  ... ").append(misses.size() - 25).append(" more\n");
            }
        }
        return out.toString();
    }

    private static String verdicts(Map<Scenario, List<Rollout>> results, int seeds) {
        StringBuilder out = new StringBuilder("goals (95 % Wilson interval of the rate over the seeds):\n");
        for (Map.Entry<Scenario, List<Rollout>> e : results.entrySet()) {
            Scenario s = e.getKey();
            List<Rollout> rs = e.getValue();
            if ("false-rollback".equals(s.goal())) {
                long bad = rs.stream().filter(r -> r.last().decision() == GateDecision.ROLLED_BACK).count();
                WilsonInterval w = WilsonInterval.of(bad, seeds, 0.05);
                double rate = (double) bad / seeds;
                out.append(String.format(Locale.ROOT, "  %-8s false-rollback rate (any wave) %s, interval %.1f–%.1f %%:"
                                + " goal ≤ 1 %%: %s%s%n", s.id(), pct(bad, seeds), 100 * w.lower(), 100 * w.upper(),
                        rate <= MAX_FALSE_ROLLBACKS ? "MET" : "NOT MET",
                        rate <= MAX_FALSE_ROLLBACKS && w.upper() > MAX_FALSE_ROLLBACKS
                                ? " (on this many seeds the interval still reaches past 1 %)" : ""));
            } else if ("detection".equals(s.goal())) {
                long hit = rs.stream().filter(r -> r.waves().get(0).decision() == GateDecision.ROLLED_BACK).count();
                WilsonInterval w = WilsonInterval.of(hit, seeds, 0.05);
                double rate = (double) hit / seeds;
                out.append(String.format(Locale.ROOT, "  %-8s detection in wave 1 %s, interval %.1f–%.1f %%: goal ≥ 95 %%:"
                                + " %s%n", s.id(), pct(hit, seeds), 100 * w.lower(), 100 * w.upper(),
                        rate >= MIN_DETECTION ? "MET" : "NOT MET"));
            } else if (!s.shifted()) {
                long bad = rs.stream().filter(r -> r.last().decision() == GateDecision.ROLLED_BACK).count();
                WilsonInterval w = WilsonInterval.of(bad, seeds, 0.05);
                out.append(String.format(Locale.ROOT, "  %-8s false-rollback rate (any wave) %s, interval %.1f–%.1f %%"
                        + " (no goal; a sensitivity case)%n", s.id(), pct(bad, seeds), 100 * w.lower(),
                        100 * w.upper()));
            } else {
                long hit = rs.stream().filter(r -> r.waves().get(0).decision() == GateDecision.ROLLED_BACK).count();
                long any = rs.stream().filter(r -> r.last().decision() == GateDecision.ROLLED_BACK).count();
                WilsonInterval w = WilsonInterval.of(hit, seeds, 0.05);
                out.append(String.format(Locale.ROOT, "  %-8s detection in wave 1 %s, interval %.1f–%.1f %%; in any "
                                + "wave %s (no goal; reported)%n", s.id(), pct(hit, seeds), 100 * w.lower(),
                        100 * w.upper(), pct(any, seeds)));
            }
        }
        return out.toString();
    }

    private static String pct(long n, long of) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * n / of);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.isEmpty() ? null : sorted.get(sorted.size() / 2);
    }

    private static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
    }

    private static void log(String line) {
        System.err.println("[gate-honesty] " + line);
    }
}
