package io.edgemlops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgemlops.store.Json;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PSI and the chi-square test against an independent implementation: scipy.stats.chisquare and a numpy
 * PSI with the same smoothing and slot rule, computed by Python on the same counts when this run is made.
 * Skipped where Python with scipy is not installed (Debian: {@code python3-scipy}).
 */
class ScipyCrossCheckTest {

    private static final String PYTHON = "/usr/bin/python3";

    /**
     * Reads {"cases": [[baseline, observed], ...]} on stdin and prints, per case, PSI, the chi-square
     * statistic, its degrees of freedom and p-value. Written from the formulas in docs/drift.md, not from
     * the Java code: slots empty on both sides dropped, half a count added to every kept slot.
     */
    private static final String SCRIPT = String.join("\n",
            "import json, sys",
            "import numpy as np",
            "from scipy.stats import chisquare",
            "out = []",
            "for base, seen in json.load(sys.stdin)['cases']:",
            "    b = np.asarray(base, dtype=float)",
            "    o = np.asarray(seen, dtype=float)",
            "    keep = (b + o) > 0",
            "    b, o = b[keep], o[keep]",
            "    k = b.size",
            "    bs = (b + 0.5) / (b.sum() + 0.5 * k)",
            "    os = (o + 0.5) / (o.sum() + 0.5 * k)",
            "    psi = float(np.sum((os - bs) * np.log(os / bs)))",
            "    r = chisquare(o, f_exp=o.sum() * bs)",
            "    out.append({'psi': psi, 'statistic': float(r.statistic), 'dof': int(k - 1),"
                    + " 'p': float(r.pvalue)})",
            "json.dump(out, sys.stdout)",
            "");

    @Test
    void psiAndChiSquareMatchScipy() throws Exception {
        assumeTrue(scipyAvailable(), "python3 with scipy is not installed");
        List<long[][]> cases = cases();
        JsonNode expected = runPython(cases);
        assertEquals(cases.size(), expected.size());
        for (int i = 0; i < cases.size(); i++) {
            long[] base = cases.get(i)[0];
            long[] seen = cases.get(i)[1];
            JsonNode e = expected.get(i);
            String what = "case " + i;
            double psi = PopulationStability.index(base, seen);
            ChiSquare test = ChiSquare.test(base, seen);
            assertRelative(e.get("psi").asDouble(), psi, 1e-9, what + " PSI");
            assertRelative(e.get("statistic").asDouble(), test.statistic(), 1e-9, what + " chi-square");
            assertEquals(e.get("dof").asInt(), test.degreesOfFreedom(), what + " degrees of freedom");
            assertRelative(e.get("p").asDouble(), test.pValue(), 1e-6, what + " p-value");
            DistributionDrift judged = DriftJudge.compare("x", base, seen, 0.2, 0.01);
            assertEquals(psi, judged.psi(), what);
            assertEquals(test.pValue(), judged.pValue(), what);
        }
    }

    /**
     * Counts as the gate meets them: decile bins plus underflow, overflow and missing with some of those
     * empty on one or both sides, a slot only the devices saw, p-values from near 1 down to about 1e-250,
     * and long vectors (50 slots, counts in the millions).
     */
    private static List<long[][]> cases() {
        List<long[][]> cases = new ArrayList<>();
        cases.add(pair(new long[] {50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 0, 0, 0},
                new long[] {98, 105, 101, 95, 99, 102, 100, 97, 103, 100, 0, 0, 0}));
        cases.add(pair(new long[] {48, 52, 50, 49, 51, 50, 47, 53, 50, 50, 1, 0, 0},
                new long[] {20, 31, 45, 60, 88, 110, 130, 160, 170, 180, 0, 6, 0}));
        cases.add(pair(new long[] {200, 200, 100, 0, 0}, new long[] {210, 180, 95, 0, 3}));
        cases.add(pair(new long[] {50, 50, 50, 50, 50, 50, 50, 50, 50, 50}, new long[] {6, 5, 4, 3, 2, 0, 0, 0, 0, 0}));
        cases.add(pair(new long[] {800, 150, 50}, new long[] {1000, 700, 300}));
        cases.add(pair(new long[] {1000, 1000}, new long[] {1_000_000, 1_003_000}));
        cases.add(pair(new long[] {30, 0, 70}, new long[] {300, 2, 698}));
        // Long vectors: 50 slots, some empty in the baseline, observed in the millions near the baseline's
        // proportions, so that the p-value lands in the range where it matters rather than underflowing.
        SplittableRandom random = new SplittableRandom(16);
        for (double wobble : new double[] {0.001, 0.002, 0.004}) {
            long[] base = new long[50];
            long[] seen = new long[50];
            for (int i = 0; i < 50; i++) {
                base[i] = random.nextInt(10) == 0 ? 0 : random.nextLong(500, 2_000);
                seen[i] = Math.round((base[i] + 0.5) * 1000 * (1 + wobble * random.nextGaussian()));
            }
            cases.add(pair(base, seen));
        }
        return cases;
    }

    private static long[][] pair(long[] base, long[] seen) {
        return new long[][] {base, seen};
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertTrue(Double.isFinite(expected) && expected > 0 || expected == 0, what + ": scipy gave " + expected);
        assertEquals(expected, actual, Math.abs(expected) * tolerance, what);
    }

    private static boolean scipyAvailable() {
        if (!new File(PYTHON).canExecute()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import scipy, numpy")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static JsonNode runPython(List<long[][]> cases) throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(Json.toBytes(Map.of("cases", cases)));
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), "python failed: " + new String(out, StandardCharsets.UTF_8));
        return Json.MAPPER.readTree(out);
    }
}
