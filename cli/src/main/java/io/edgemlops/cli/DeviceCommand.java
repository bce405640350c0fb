package io.edgemlops.cli;

import io.edgemlops.device.DeviceAgent;
import io.edgemlops.device.DeviceRunner;
import io.edgemlops.device.PollSchedule;
import io.edgemlops.rollout.SigningKeys;
import io.edgemlops.store.OpenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge-mlops device run}: the device agent's loop (as in the slim device-agent jar) from the full CLI. */
@Command(name = "device", description = "Run a device agent.", subcommands = DeviceCommand.Run.class)
public final class DeviceCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: run");
    }

    /** The public key in {@code file}, or exit 2 naming the flag and the file. */
    static PublicKey publicKey(Path file, String flag) {
        if (file == null) {
            throw new IllegalArgumentException("give " + flag + " FILE, the fleet's public signing key (PEM), "
                    + "e.g. the NAME.pub that 'edge-mlops keys generate' wrote");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(flag + ": no such key file " + file.toAbsolutePath());
        }
        return SigningKeys.readPublicKey(file);
    }

    @Command(name = "run", description = "Run the device agent until stopped: poll the fleet's signed desired state, "
            + "install verified models, serve POST /predict and GET /health on 127.0.0.1, upload telemetry. The same "
            + "loop as the slim device-agent jar's 'run'.")
    static final class Run extends StoreCommand {

        @Option(names = "--fleet", required = true, description = "Fleet name.")
        String fleet;

        @Option(names = "--model", required = true, description = "Model name.")
        String model;

        @Option(names = "--device-id", required = true, description = "This device's id, unique in the fleet.")
        String deviceId;

        @Option(names = "--target", required = true, description = "This device's target profile, e.g. raspberry-pi-4.")
        String target;

        @Option(names = "--state-dir", required = true, paramLabel = "DIR", description = "Where models and state are kept.")
        Path stateDir;

        @Option(names = "--public-key", required = true, paramLabel = "FILE",
                description = "PEM file of the fleet's public signing key.")
        Path publicKeyFile;

        @Option(names = "--port", defaultValue = "8080", description = "Local port of /predict and /health "
                + "(default ${DEFAULT-VALUE}; 0: any free port, logged).")
        int port;

        @Option(names = "--poll-interval", defaultValue = "30", paramLabel = "SECONDS",
                description = "Seconds between polls (default ${DEFAULT-VALUE}).")
        long pollSeconds;

        /** Told the runner once it serves (tests stop it with {@link DeviceRunner#close()}). */
        static Consumer<DeviceRunner> started = r -> { };

        private DeviceAgent.Settings settings;

        @Override
        protected void beforeStore() {
            if (port < 0 || port > 65535 || pollSeconds < 1) {
                throw new IllegalArgumentException("--port must be 0 to 65535 and --poll-interval at least 1, got "
                        + port + " and " + pollSeconds);
            }
            settings = new DeviceAgent.Settings(fleet, model, deviceId, target, stateDir,
                    publicKey(publicKeyFile, "--public-key"));
        }

        @Override
        protected LinkedHashMap<String, Object> compute(OpenStore store) throws Exception {
            Consumer<String> log = line -> {
                err().println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
                err().flush();
            };
            int served;
            try (DeviceRunner runner = new DeviceRunner(new DeviceAgent(store.store(), settings, Clock.systemUTC(), log),
                    port, new PollSchedule(Duration.ofSeconds(pollSeconds), Duration.ofMinutes(10), deviceId.hashCode()),
                    log)) {
                served = runner.port();
                log.accept("device " + deviceId + " of fleet " + fleet + " serving on 127.0.0.1:" + served);
                Thread hook = new Thread(runner::close);
                Runtime.getRuntime().addShutdownHook(hook);
                started.accept(runner);
                try {
                    runner.run();
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is what stopped us
                    }
                }
            }
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("deviceId", deviceId);
            result.put("port", served);
            result.put("stopped", true);
            return result;
        }
    }
}
