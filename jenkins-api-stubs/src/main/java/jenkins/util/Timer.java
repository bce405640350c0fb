package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

/** Stub: Jenkins' shared scheduler for short tasks, which the drift gate schedules its polls on. */
public class Timer {
    private Timer() {
        throw new UnsupportedOperationException("stub");
    }

    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stub");
    }
}
