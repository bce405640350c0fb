package io.edgemlops.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An S3 glob selects the same keys as Java's glob matcher selects files, so a folder and its upload agree. */
class DatasetLocationGlobTest {

    static final List<String> PATHS = List.of("a.csv", "a.csv.gz", "A.CSV", ".a.csv", "x/a.csv", "x/y/a.csv",
            "2026-11-20T13.csv.gz", "2026-11-21T00.csv", "2026/11/20/13.csv", "b-c.csv", "[a].csv", "a,b.csv",
            "a+b.csv", "a$b.csv", "a^b.csv", "a.b", "ab", "é.csv");

    static final List<String> PATTERNS = List.of("*", "*.csv", "*.csv*", "**", "**.csv", "**/*.csv", "*/a.csv",
            "?.csv", "2026-11-2[01]T*", "2026-11-2[!0]T*", "2026/*/*/*.csv", "{a,b-c}.csv", "{x,2026}/**",
            "[a-c]*.csv", "[!a]*", "a.?", "a+b.csv", "a$b.csv", "a^b.csv", "a,b.csv", "\\[a].csv", "[.]a.csv",
            "[-a]*", "[a-]*", "é*");

    @Test
    void matchesWhatJavasGlobMatches() {
        for (String pattern : PATTERNS) {
            PathMatcher java = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            for (String path : PATHS) {
                assertEquals(java.matches(Path.of(path)), Glob.compile(pattern).matcher(path).matches(),
                        "'" + pattern + "' on '" + path + "'");
            }
        }
    }

    @Test
    void anUnclosedClassOrGroupIsAnError() {
        assertEquals("glob has a [ without ]", assertThrows(IllegalArgumentException.class,
                () -> Glob.compile("a[bc")).getMessage());
        assertEquals("glob '{a,b' has a { without }", assertThrows(IllegalArgumentException.class,
                () -> Glob.compile("{a,b")).getMessage());
    }

    @Test
    void theFirstGlobCharacterEndsTheLiteralPrefix() {
        assertEquals(14, Glob.firstGlobChar("exports/2026-1*"));
        assertEquals(-1, Glob.firstGlobChar("exports/2026-11-20T13.csv.gz"));
    }
}
