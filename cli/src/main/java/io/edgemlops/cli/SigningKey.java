package io.edgemlops.cli;

import io.edgemlops.contract.PublishToEdgeContract;
import io.edgemlops.rollout.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
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
        return new SigningKey(key, SigningKeys.keyId(publicKeyOf(key, source)), source);
    }

    /**
     * The public key of an Ed25519 private key. The JDK has no call for this, but its key pair generator derives the
     * public key from 32 random bytes, which are the private key: given a source of randomness that returns exactly
     * the private key's bytes, it rebuilds the pair. A signature made with the private key and verified with the result
     * proves the two belong together whatever the JDK's provider does, so a mismatch can never go unnoticed.
     */
    static PublicKey publicKeyOf(PrivateKey key, String source) {
        if (!(key instanceof EdECPrivateKey edKey) || edKey.getBytes().isEmpty()) {
            throw new IllegalArgumentException(source + " is not an Ed25519 private key");
        }
        byte[] seed = edKey.getBytes().get();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] probe = "edge-mlops signing key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("this Java cannot derive the public key of " + source
                        + ": its Ed25519 key pair generator does not use the given bytes as the private key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java cannot derive the public key of " + source + ": " + e, e);
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }

    /** A "random" source that returns the given bytes: only for rebuilding a key pair from its private key. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("expected a request for " + bytes.length + " bytes, got " + out.length);
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + ", source=" + source + "]";
    }
}
