package io.edgemlops.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The champion / challenger check of one variant for one target: the version under alias {@code production} (the
 * champion) and the version being validated (the challenger) measured on the same rows. Stored in the validation
 * record, returned as the {@code champion} map of {@code validateForTarget}, and read by {@code publishToEdge}, which
 * refuses a challenger that failed it unless {@code allowRegression: true}.
 *
 * @param version the champion's version, or null when there is none (a first version, or the challenger is itself
 *     in production)
 * @param variant the champion's variant that was compared (the challenger's variant name when the champion has it,
 *     else fp32), or null without a champion
 * @param variantNote why that variant, e.g. {@code same variant as the challenger}
 * @param maxRegression how much worse the challenger may be: accuracy and macro F1 points, or RMSE relative to the
 *     champion's
 * @param passed whether the challenger is not worse than the champion by more than {@code maxRegression} on every
 *     row set that decides
 * @param reason one line saying why it passed or failed, with the numbers
 * @param rowSets the row sets measured, deciding or not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChampionComparison(Integer version, String variant, String variantNote, double maxRegression,
                                 boolean passed, String reason, List<RowSetComparison> rowSets) {

    public ChampionComparison {
        rowSets = rowSets == null ? List.of() : List.copyOf(rowSets);
    }

    /** Whether there was a champion to compare with. */
    public boolean hasChampion() {
        return version != null;
    }
}
