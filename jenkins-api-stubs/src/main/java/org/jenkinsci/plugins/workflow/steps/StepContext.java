package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import java.io.IOException;
import java.io.Serializable;

/**
 * Stub: what a running step can ask for (workspace, launcher, listener, environment, build), and how an asynchronous
 * step reports its end ({@code onSuccess}, {@code onFailure} from {@link FutureCallback}) and asks for its changed
 * state to be saved.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public StepContext() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    public abstract ListenableFuture<Void> saveState();
}
