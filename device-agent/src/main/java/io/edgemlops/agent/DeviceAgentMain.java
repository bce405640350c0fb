package io.edgemlops.agent;

import io.edgemlops.device.DeviceAgent;
import io.edgemlops.device.DeviceRunner;
import io.edgemlops.device.PollSchedule;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.store.OpenStore;
import io.edgemlops.store.StoreLocation;
import io.edgemlops.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar edge-mlops-device-agent-all.jar run ...}: the device agent for a real device, in
 * a jar without the training engine and without the embedded server. Same flags as
 * {@code edge-mlops device run}.
 */
@Command(name = "edge-mlops-device", mixinStandardHelpOptions = true, subcommands = DeviceAgentMain.Run.class,
        description = "The Edge MLOps device agent.")
public final class DeviceAgentMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceAgentMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    /** Polls the fleet's desired state, installs what this device should run, and serves it on 127.0.0.1. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the device agent until stopped: poll the signed desired state, install verified "
                    + "models, serve POST /predict and GET /health on 127.0.0.1.")
    static final class Run implements Callable<Integer> {

        @Option(names = "--fleet", required = true, description = "Fleet name.")
        String fleet;

        @Option(names = "--model", required = true, description = "Model name.")
        String model;

        @Option(names = "--device-id", required = true, description = "This device's id, unique in the fleet.")
        String deviceId;

        @Option(names = "--target", required = true, description = "This device's target profile, e.g. raspberry-pi-4.")
        String target;

        @Option(names = "--state-dir", required = true, description = "Where models and state are kept.")
        Path stateDir;

        @Option(names = "--public-key", required = true, description = "PEM file of the fleet's public signing key.")
        Path publicKey;

        @Option(names = "--store", description = "s3://bucket/prefix; default: the EDGE_MLOPS_STORE environment "
                + "variable. Credentials come from the AWS_* environment variables.")
        String store;

        @Option(names = "--s3-endpoint", description = "S3-compatible endpoint; default: EDGE_MLOPS_S3_ENDPOINT, else AWS.")
        String endpoint;

        @Option(names = "--port", defaultValue = "8080", description = "Local port of /predict and /health (default 8080).")
        int port;

        @Option(names = "--poll-interval", defaultValue = "30", description = "Seconds between polls (default 30).")
        long pollSeconds;

        @Override
        public Integer call() throws Exception {
            String location = store != null ? store : System.getenv(StoreLocation.ENV_STORE);
            if (location == null || !location.startsWith("s3://")) {
                System.err.println("edge-mlops-device: give --store s3://bucket/prefix (or EDGE_MLOPS_STORE); "
                        + "the device agent talks to an S3-compatible server, got " + location);
                return 2;
            }
            DeviceAgent.Settings settings = new DeviceAgent.Settings(fleet, model, deviceId, target, stateDir,
                    SigningKeys.readPublicKey(publicKey));
            try (OpenStore open = Stores.open(StoreLocation.parse(location,
                    endpoint != null ? endpoint : System.getenv(StoreLocation.ENV_ENDPOINT)));
                    DeviceRunner runner = new DeviceRunner(new DeviceAgent(open.store(), settings, Clock.systemUTC(),
                            DeviceAgentMain::log), port, new PollSchedule(Duration.ofSeconds(pollSeconds),
                            Duration.ofMinutes(10), deviceId.hashCode()), DeviceAgentMain::log)) {
                Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
                runner.run();
            }
            return 0;
        }
    }

    private static void log(String line) {
        System.err.println(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + line);
        System.err.flush();
    }
}
