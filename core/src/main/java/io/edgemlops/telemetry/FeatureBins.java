package io.edgemlops.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.edgemlops.data.DatasetProfile;
import io.edgemlops.data.FeatureProfile;
import io.edgemlops.data.Values;
import java.util.HashSet;
import java.util.List;

/**
 * What a device counts one input feature over: the bins of the model version's baseline, handed to devices
 * in the desired state so that device counts and baseline counts are comparable bin for bin.
 *
 * <p>Numeric: {@code binEdges} holds n+1 ascending edges giving n bins {@code [edge[i], edge[i+1])}; a value
 * below the first edge is underflow, at or above the last is overflow. Categorical: {@code categories}
 * lists the known categories; any other category is overflow. Exactly one of the two lists is non-empty.
 * Missing values (null, NaN, empty text, "NA"...) are counted apart, as {@link Values#isMissing} reads them.
 *
 * @param name feature name
 * @param binEdges ascending edges of a numeric feature (empty for categorical)
 * @param categories categories of a categorical feature (empty for numeric)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FeatureBins(String name, List<Double> binEdges, List<String> categories) {

    /** {@link #slotOf} of a value below the first edge. */
    public static final int UNDERFLOW = -1;
    /** {@link #slotOf} of a value at or above the last edge, or of an unseen category. */
    public static final int OVERFLOW = -2;
    /** {@link #slotOf} of a missing value. */
    public static final int MISSING = -3;

    public FeatureBins {
        binEdges = binEdges == null ? List.of() : List.copyOf(binEdges);
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (binEdges.isEmpty() == categories.isEmpty()) {
            throw new IllegalArgumentException("feature " + name + ": give either bin edges or categories");
        }
        if (!binEdges.isEmpty()) {
            checkEdges(name, binEdges);
        }
        if (new HashSet<>(categories).size() != categories.size()) {
            throw new IllegalArgumentException("feature " + name + ": categories must be distinct, got " + categories);
        }
    }

    /** Numeric bins over {@code edges}. */
    public static FeatureBins numeric(String name, List<Double> edges) {
        return new FeatureBins(name, edges, List.of());
    }

    /** Categorical bins, one per category. */
    public static FeatureBins categorical(String name, List<String> categories) {
        return new FeatureBins(name, List.of(), categories);
    }

    /** The bins of one baseline feature. */
    public static FeatureBins of(FeatureProfile profile) {
        return new FeatureBins(profile.name(), profile.binEdges(), profile.categories());
    }

    /** The bins of every feature of a baseline, in schema order: what goes into the desired state. */
    public static List<FeatureBins> of(DatasetProfile baseline) {
        return baseline.features().stream().map(FeatureBins::of).toList();
    }

    /** Number of regular bins (edges - 1, or categories). */
    public int binCount() {
        return categorical() ? categories.size() : binEdges.size() - 1;
    }

    /** Whether this feature is categorical. */
    public boolean categorical() {
        return !categories.isEmpty();
    }

    /**
     * Where a raw input value falls: a bin index {@code 0..binCount()-1}, or {@link #UNDERFLOW},
     * {@link #OVERFLOW} or {@link #MISSING}.
     *
     * <p>Accepted values: null (missing); a {@link Number}; a String as read from CSV or a device's sensor
     * feed. For a numeric feature, text that is not a finite decimal number and non-finite numbers are
     * missing, exactly as the baseline counted them. For a categorical feature, text is trimmed and compared
     * exactly; a number is compared by its {@code toString()}.
     */
    public int slotOf(Object raw) {
        if (raw == null) {
            return MISSING;
        }
        if (categorical()) {
            String text = raw.toString();
            if (Values.isMissing(text)) {
                return MISSING;
            }
            int i = categories.indexOf(Values.category(text));
            return i < 0 ? OVERFLOW : i;
        }
        Double v;
        if (raw instanceof Number n) {
            v = n.doubleValue();
        } else {
            String text = raw.toString();
            v = Values.isMissing(text) ? null : Values.parseNumber(text);
        }
        // Non-finite counts as missing: the baseline reads such cells as missing too.
        return v == null || !Double.isFinite(v) ? MISSING : numericSlot(v);
    }

    /** {@link #slotOf} for a number, without boxing (the device's hot path). */
    public int slotOf(double value) {
        if (categorical()) {
            return slotOf((Object) value);
        }
        return Double.isFinite(value) ? numericSlot(value) : MISSING;
    }

    private int numericSlot(double v) {
        int last = binEdges.size() - 1;
        if (v < binEdges.get(0)) {
            return UNDERFLOW;
        }
        if (v >= binEdges.get(last)) {
            return OVERFLOW;
        }
        int lo = 0; // invariant: edges[lo] <= v < edges[hi]
        int hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (v >= binEdges.get(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void checkEdges(String name, List<Double> edges) {
        if (edges.size() < 2) {
            throw new IllegalArgumentException("feature " + name + ": needs at least two bin edges, got " + edges);
        }
        for (int i = 0; i < edges.size(); i++) {
            Double e = edges.get(i);
            if (e == null || !Double.isFinite(e) || (i > 0 && e <= edges.get(i - 1))) {
                throw new IllegalArgumentException("feature " + name
                        + ": bin edges must be finite and strictly ascending, got " + edges);
            }
        }
    }
}
