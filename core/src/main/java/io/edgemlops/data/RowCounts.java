package io.edgemlops.data;

import java.util.Map;

/**
 * Where the rows of a dataset went.
 *
 * @param read data rows in the file
 * @param used rows used (training plus holdout)
 * @param dropped rows dropped because their label was missing
 * @param train rows in the training split
 * @param holdout rows in the holdout split
 * @param imputed numeric values filled with the training mean, over both splits
 * @param imputedByFeature the same per feature (only features with imputed values)
 */
public record RowCounts(long read, long used, long dropped, long train, long holdout, long imputed,
                        Map<String, Long> imputedByFeature) {

    public RowCounts {
        imputedByFeature = imputedByFeature == null ? Map.of() : Map.copyOf(imputedByFeature);
    }
}
