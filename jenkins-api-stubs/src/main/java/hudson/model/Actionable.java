package hudson.model;

/** Stub: an object holding actions. Its real supertypes are omitted: the plugin does not use them. */
public abstract class Actionable {
    public Actionable() {
        throw new UnsupportedOperationException("stub");
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }
}
