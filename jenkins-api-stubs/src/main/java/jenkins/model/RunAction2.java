package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/** Stub: an action told which build it belongs to, when attached and after loading. */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
