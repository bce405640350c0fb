package io.edgemlops.data;

/** Rows grouped by class, for splits that keep each class's share on both sides. */
public final class RowGroups {

    private RowGroups() {
    }

    /**
     * The rows {@code 0 .. rows-1} of each group, ascending: group {@code classOf[r]}, or one group of all rows when
     * {@code classOf} is null.
     *
     * @param groups how many groups there are (classes); every {@code classOf[r]} is below it
     */
    public static int[][] byClass(int rows, int[] classOf, int groups) {
        int count = classOf == null ? 1 : groups;
        int[] sizes = new int[count];
        for (int r = 0; r < rows; r++) {
            sizes[classOf == null ? 0 : classOf[r]]++;
        }
        int[][] members = new int[count][];
        for (int g = 0; g < count; g++) {
            members[g] = new int[sizes[g]];
        }
        int[] filled = new int[count];
        for (int r = 0; r < rows; r++) {
            int g = classOf == null ? 0 : classOf[r];
            members[g][filled[g]++] = r;
        }
        return members;
    }
}
