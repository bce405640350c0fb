package io.edgemlops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by this JVM and, when there is one, the server process it measures, added up. On a machine shared
 * with other work, wall time per record moves with the load while CPU time per record hardly does: the ratio of
 * two phases' CPU time is what their throughput ratio would be on a machine of their own, as long as both are
 * CPU-bound (they are here: two cores, server and reader on the same machine).
 */
final class CpuMeter {

    /** Linux reports process times in clock ticks; 100 per second on every kernel configuration we run on. */
    private static final double TICKS_PER_SECOND = 100;

    private final long serverPid;

    /** @param serverPid the server's process id, or -1 when the server is elsewhere */
    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    /** CPU seconds used so far by this JVM and the server. */
    double seconds() {
        double own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return own + serverSeconds();
    }

    /** Whether the server's CPU time is counted too. */
    boolean includesServer() {
        return serverPid > 0;
    }

    private double serverSeconds() {
        if (serverPid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(serverPid), "stat"));
            // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the
            // 12th and 13th of those.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the server's CPU time from /proc/" + serverPid + "/stat: " + e, e);
        }
    }
}
