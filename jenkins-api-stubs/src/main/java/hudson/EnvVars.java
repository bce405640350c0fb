package hudson;

import java.util.TreeMap;

/** Stub: the build environment, used by the plugin only through the {@code Map} interface. */
public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
        throw new UnsupportedOperationException("stub");
    }
}
