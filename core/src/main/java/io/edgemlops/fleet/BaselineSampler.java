package io.edgemlops.fleet;

import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates raw sensor rows that follow a model's baseline profile: a numeric value falls in a
 * baseline bin with that bin's share and uniformly within it, a categorical one takes a category
 * with its share. Drift shifts a numeric feature by a number of its baseline standard deviations.
 */
final class BaselineSampler {

    private final List<FeatureProfile> features;

    BaselineSampler(DatasetProfile baseline) {
        if (baseline == null || baseline.features().isEmpty()) {
            throw new IllegalArgumentException("the model has no baseline profile to generate inputs from");
        }
        this.features = baseline.features();
    }

    /**
     * One row of raw values by feature name.
     *
     * @param shift per feature name (or {@code *} for every numeric feature), a shift in standard deviations
     */
    Map<String, Object> row(SplittableRandom random, Map<String, Double> shift) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (FeatureProfile f : features) {
            if (!f.categories().isEmpty()) {
                row.put(f.name(), f.categories().get(pick(f.counts(), random)));
                continue;
            }
            List<Double> edges = f.binEdges();
            double value;
            if (edges.size() < 2) {
                value = f.mean();
            } else {
                int bin = pick(f.counts(), random);
                value = edges.get(bin) + random.nextDouble() * (edges.get(bin + 1) - edges.get(bin));
            }
            double sigmas = shift.getOrDefault(f.name(), shift.getOrDefault("*", 0.0));
            row.put(f.name(), value + sigmas * f.std());
        }
        return row;
    }

    private static int pick(List<Long> counts, SplittableRandom random) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
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
}
