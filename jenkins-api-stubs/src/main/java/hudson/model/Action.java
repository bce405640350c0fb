package hudson.model;

/** Stub: an item on a page's side panel, at {@code getUrlName()}. */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
