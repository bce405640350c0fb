package hudson.model;

/** Stub: needed only as the bound of {@link Run}'s type parameters; no members. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    private Job() {
        throw new UnsupportedOperationException("stub");
    }
}
