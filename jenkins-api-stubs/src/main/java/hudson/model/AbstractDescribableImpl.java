package hudson.model;

/** Stub. The constructor does nothing (rather than throw) so that unit tests can construct steps. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    public AbstractDescribableImpl() {
    }

    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
