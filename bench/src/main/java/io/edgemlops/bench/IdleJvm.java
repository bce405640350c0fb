package io.edgemlops.bench;

/** An idle JVM for memory baselines: prints "ready" and sleeps until killed; loads nothing of the engine. */
public final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
