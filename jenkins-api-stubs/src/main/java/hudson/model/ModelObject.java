package hudson.model;

/** Stub: anything with a display name. */
public interface ModelObject {
    String getDisplayName();
}
