package io.edgemlops.cli;

import io.edgemlops.contract.PublishToEdgeContract;
import io.edgemlops.rollout.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Map;

/**
 * The Ed25519 key that signs a desired state, with the id of its public key, read from {@code --signing-key FILE} or
 * from the {@code EDGE_MLOPS_SIGNING_KEY} environment variable (its PEM text, or the path of a PEM file, so Jenkins'
 * secret text and secret file credentials both supply it). Neither the key nor the variable's value is ever part of a
 * message.
 *
 * @param privateKey the key that signs
 * @param keyId {@link SigningKeys#keyId} of its public key, recorded with the signature
 * @param source where it came from, for messages: the file, or the variable's name
 */
record SigningKey(PrivateKey privateKey, String keyId, String source) {

    static final String VARIABLE = PublishToEdgeContract.SIGNING_KEY_VARIABLE;

    /**
     * The key from {@code file} (relative to {@code workDir}) when given, else from the environment.
     *
     * @throws IllegalArgumentException when there is none, or it is not an Ed25519 private key (exit code 2)
     */
    static SigningKey load(String file, Map<String, String> env, Path workDir) {
        PrivateKey key;
        String source;
        if (file != null && !file.isBlank()) {
            Path path = workDir.resolve(file.trim());
            key = SigningKeys.readPrivateKey(path);
            source = path.toString();
        } else {
            String value = env.get(VARIABLE);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("no signing key: give signingKey (--signing-key FILE), the path of "
                        + "an Ed25519 private key in PEM form, or set " + VARIABLE + " to its PEM text or path; "
                        + "'edge-mlops keys generate --out DIR' makes a key pair");
            }
            if (value.strip().startsWith("-----BEGIN")) {
                key = SigningKeys.privateKey(value, "the " + VARIABLE + " environment variable");
                source = VARIABLE;
            } else {
                Path path = workDir.resolve(value.strip());
                if (!Files.isRegularFile(path)) {
                    // The value may be a secret pasted in the wrong form: never repeat it.
                    throw new IllegalArgumentException(VARIABLE + " holds neither the PEM text of a private key "
                            + "('-----BEGIN PRIVATE KEY-----' …) nor the path of a readable file");
                }
                try {
                    key = SigningKeys.privateKey(Files.readString(path, StandardCharsets.US_ASCII),
                            "the file " + VARIABLE + " names");
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("cannot read the file " + VARIABLE + " names: "
                            + e.getClass().getSimpleName(), e);
                }
                source = "the file " + VARIABLE + " names";
            }
        }
        return new SigningKey(key, SigningKeys.keyId(SigningKeys.publicKeyOf(key, source)), source);
    }

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + ", source=" + source + "]";
    }
}
