package io.edgemlops.device;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs a device until stopped: the local endpoint serves at once (from the model on disk, if any),
 * and the agent polls its desired state on a {@link PollSchedule}. The same loop runs in
 * {@code edge-mlops device run} and in the slim device artifact.
 */
public final class DeviceRunner implements AutoCloseable {

    private final DeviceAgent agent;
    private final DeviceHttpServer http;
    private final PollSchedule schedule;
    private final Consumer<String> log;
    private volatile boolean stopped;
    private boolean closed;

    /** Starts the endpoint on {@code port} (0: any free port); call {@link #run()} to start polling. */
    public DeviceRunner(DeviceAgent agent, int port, PollSchedule schedule, Consumer<String> log) {
        this.agent = agent;
        this.schedule = schedule;
        this.log = log;
        this.http = DeviceHttpServer.start(agent, port);
        log.accept("serving http://127.0.0.1:" + http.port() + "/predict and /health");
    }

    /** The local endpoint's port. */
    public int port() {
        return http.port();
    }

    /** Polls until {@link #close()}; every poll that changed something is logged in one line. */
    public void run() throws InterruptedException {
        while (!stopped) {
            DeviceAgent.PollResult r = agent.pollOnce();
            if (r.action() != DeviceAgent.Action.UNCHANGED && r.action() != DeviceAgent.Action.UP_TO_DATE) {
                log.accept(r.action().name().toLowerCase(java.util.Locale.ROOT) + ": serving version "
                        + r.servingVersion() + (r.shadowVersion() == null ? "" : ", shadow version " + r.shadowVersion())
                        + (r.message() == null ? "" : " (" + r.message() + ")"));
            }
            Duration wait = schedule.next(r.action() != DeviceAgent.Action.UNREACHABLE);
            synchronized (this) {
                if (!stopped) {
                    wait(Math.max(1, wait.toMillis()));
                }
            }
        }
    }

    /**
     * Stops polling, the endpoint and the agent. Idempotent: a shutdown hook and the try-with-resources around
     * {@link #run()} both close the runner, and closing the agent's ONNX Runtime sessions twice throws.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopped = true;
            notifyAll();
        }
        http.close();
        agent.close();
    }
}
