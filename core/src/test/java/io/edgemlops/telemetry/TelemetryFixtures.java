package io.edgemlops.telemetry;

import io.edgemlops.data.CompactDataset;
import io.edgemlops.data.DataOptions;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.DatasetProfiler;
import io.edgemlops.data.SensorDataGenerator;
import io.edgemlops.data.Table;
import io.edgemlops.train.ModelTrainer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Shared test data: the pump baseline's bins, realistic windows, and a clock tests move by hand. */
final class TelemetryFixtures {

    static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");
    static final List<String> CLASSES = SensorDataGenerator.CLASSES;
    private static List<FeatureBins> pumpBins;

    private TelemetryFixtures() {
    }

    /** The 16 numeric features of the pump model, 10 bins each, from a real baseline. */
    static synchronized List<FeatureBins> pumpBins() {
        if (pumpBins == null) {
            CompactDataset d = ModelTrainer.prepare(new SensorDataGenerator(11).generate(2000),
                    new DataOptions("state", null, null, 0.25, 2));
            DatasetProfile baseline = DatasetProfiler.profile(d, null, 10);
            pumpBins = FeatureBins.of(baseline);
        }
        return pumpBins;
    }

    static TelemetrySource source(String device, Role role) {
        return new TelemetrySource("eu-west", "pump-anomaly", 12, "eu-west/pump-anomaly/12", device,
                "raspberry-pi-4", role);
    }

    /**
     * A full window of a busy device: {@code inferences} pump rows, realistic latencies (median 60 µs,
     * log-normal, 1 % slow tail up to tens of ms), a few errors, for a shadow device also the comparisons.
     */
    static TelemetryRecord busyWindow(Role role, int inferences, long seed) {
        FakeClock clock = new FakeClock(T0.plusSeconds(1));
        AtomicLong seq = new AtomicLong(41_000 + seed);
        WindowAggregator agg = new WindowAggregator(source("pump-eu-000123", role), pumpBins(), CLASSES, 3600,
                seq::incrementAndGet, clock);
        Table rows = new SensorDataGenerator(seed).withShift(java.util.Map.of("temp_bearing", 0.7))
                .generate(Math.min(inferences, 20_000));
        // Sensors give numbers: parse the generated text once, not on every pass.
        Double[][] values = new Double[rows.rowCount()][SensorDataGenerator.FEATURES.size()];
        for (int r = 0; r < values.length; r++) {
            for (int f = 0; f < values[r].length; f++) {
                values[r][f] = Double.valueOf(rows.value(r, f));
            }
        }
        Random random = new Random(seed);
        Object[] raw = new Object[SensorDataGenerator.FEATURES.size()];
        for (int i = 0; i < inferences; i++) {
            System.arraycopy(values[i % values.length], 0, raw, 0, raw.length);
            if (random.nextInt(997) == 0) {
                raw[random.nextInt(raw.length)] = null;
            }
            boolean error = random.nextInt(5000) == 0;
            agg.observe(raw, random.nextInt(CLASSES.size()), latency(random), error);
            if (role == Role.SHADOW) {
                agg.observeShadow(random.nextInt(50) != 0, latency(random));
            }
        }
        agg.setHealth(Health.OK);
        return agg.roll(T0.plusSeconds(3600)).get(0);
    }

    static long latency(Random random) {
        double v = 60_000 * Math.exp(0.35 * random.nextGaussian());
        if (random.nextInt(100) == 0) {
            v *= Math.exp(random.nextDouble() * 6); // scheduling hiccups, GC
        }
        return (long) v;
    }

    /** A clock whose time only moves when told to. */
    static final class FakeClock extends Clock {
        private volatile Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        void advanceSeconds(long s) {
            now = now.plusSeconds(s);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
