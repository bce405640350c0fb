package io.jenkins.plugins.edgemlops;

import hudson.model.Run;
import io.edgemlops.render.FragmentStyle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The build's "Edge MLOps" page ({@code <build>/edge-mlops/}) and its summary on the build's main page: a list of
 * sections, one per step result (model card, validation per target and variant, and whatever later steps add).
 * Saved with the build as plain fields; the list is replaced, never mutated, so a concurrent save sees a consistent one.
 */
public final class EdgeMlopsAction implements RunAction2 {

    /** Always a fresh {@code ArrayList} (XStream writes JDK-internal immutable lists poorly); never mutated once set. */
    private volatile List<EdgeMlopsSection> sections = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Guards creating the action, so parallel stages of one build never attach two. */
    private static final Object ATTACH_LOCK = new Object();

    /**
     * Adds a section to the build's action (creating the action on first use), replacing an earlier section with the
     * same key, and saves the build. Parallel stages may call this at the same time. The build itself is not locked
     * here: its own save takes the build's monitor, and holding it longer could block Pipeline's threads.
     */
    public static void record(Run<?, ?> run, EdgeMlopsSection section) throws IOException {
        EdgeMlopsAction action;
        synchronized (ATTACH_LOCK) {
            action = run.getAction(EdgeMlopsAction.class);
            if (action == null) {
                action = new EdgeMlopsAction();
                run.addAction(action);
            }
        }
        action.add(section);
        run.save();
    }

    /** Adds or replaces (by {@link EdgeMlopsSection#getKey()}) one section, keeping the order of first appearance. */
    public synchronized void add(EdgeMlopsSection section) {
        List<EdgeMlopsSection> updated = new ArrayList<>(getSections());
        int existing = -1;
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).getKey().equals(section.getKey())) {
                existing = i;
            }
        }
        if (existing >= 0) {
            updated.set(existing, section);
        } else {
            updated.add(section);
        }
        sections = updated;
    }

    /** All sections in the order the steps first reported them. */
    public List<EdgeMlopsSection> getSections() {
        List<EdgeMlopsSection> current = sections;
        return current == null ? List.of() : Collections.unmodifiableList(current);
    }

    /** True when no section reports a failure. */
    public boolean isAllPassed() {
        return getSections().stream().allMatch(EdgeMlopsSection::isPassed);
    }

    /** The sections' own style (verdict colours, charts), from the renderer, in Jenkins' theme colours. */
    public String getStyle() {
        return FragmentStyle.CSS;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "Edge MLOps";
    }

    @Override
    public String getUrlName() {
        return "edge-mlops";
    }
}
