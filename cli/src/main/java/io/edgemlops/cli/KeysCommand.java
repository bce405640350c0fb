package io.edgemlops.cli;

import io.edgemlops.rollout.FleetKeys;
import io.edgemlops.rollout.SigningKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge-mlops keys generate}: the Ed25519 key pairs that sign what a fleet's devices install. */
@Command(name = "keys", description = "Signing keys for the desired states devices poll.",
        subcommands = {KeysCommand.Generate.class})
public final class KeysCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: generate");
    }

    @Command(name = "generate", description = "Make an Ed25519 key pair in DIR: NAME.key, the private key (PEM, "
            + "readable by its owner only), which publish signs with, and NAME.pub, the public key devices verify "
            + "with. Refuses to overwrite either. Prints the files and the key id, never the private key.")
    static final class Generate extends ResultCommand {

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Folder for the two files (created when missing).")
        Path out;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "fleet",
                description = "Base name of the files, e.g. the fleet's: lower-case letters, digits, '.', '_' and "
                        + "'-' (default: ${DEFAULT-VALUE}).")
        String name;

        @Override
        protected LinkedHashMap<String, Object> compute() {
            FleetKeys.name("key", name);
            Path privateFile = out.resolve(name + ".key").toAbsolutePath();
            Path publicFile = out.resolve(name + ".pub").toAbsolutePath();
            KeyPair pair = SigningKeys.generate();
            SigningKeys.write(pair, privateFile, publicFile);
            String keyId = SigningKeys.keyId(pair.getPublic());
            err().println("edge-mlops: wrote the private key " + privateFile + " (keep it secret: whoever holds it "
                    + "decides what devices install) and the public key " + publicFile + " for the devices; key id "
                    + keyId);
            err().flush();
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("keyId", keyId);
            result.put("publicKeyFile", publicFile.toString());
            result.put("privateKeyFile", privateFile.toString());
            return result;
        }
    }
}
