package com.google.common.util.concurrent;

/** Stub: Guava's callback, which StepContext implements (onSuccess, onFailure). */
public interface FutureCallback<V> {
    void onSuccess(V result);

    void onFailure(Throwable t);
}
