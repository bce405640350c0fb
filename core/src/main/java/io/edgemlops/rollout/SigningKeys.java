package io.edgemlops.rollout;

import io.edgemlops.store.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 key pairs for signing desired states, as PEM text (PKCS#8 private key, X.509 public key),
 * the form {@code openssl} reads and writes. The JDK's own Ed25519 is used: no extra dependency on
 * a device.
 */
public final class SigningKeys {

    private static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private SigningKeys() {
    }

    /** A new random key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no " + ALGORITHM + ": " + e, e);
        }
    }

    /**
     * Writes {@code <base>.key} (private, readable by the owner only where the file system allows)
     * and {@code <base>.pub}; refuses to overwrite either, so an existing key is never lost.
     */
    public static void write(KeyPair pair, Path privateFile, Path publicFile) {
        for (Path p : new Path[] {privateFile, publicFile}) {
            if (Files.exists(p)) {
                throw new IllegalArgumentException(p + " exists; not overwriting a key");
            }
        }
        try {
            Path parent = privateFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.createDirectories(publicFile.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(parent, ".key", ".part");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the folder's ACL applies
                }
                Files.writeString(tmp, pem(PRIVATE, pair.getPrivate().getEncoded()));
                Files.move(tmp, privateFile);
            } finally {
                Files.deleteIfExists(tmp);
            }
            Files.writeString(publicFile, pem(PUBLIC, pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key pair: " + e.getMessage(), e);
        }
    }

    /** The private key in PEM text, e.g. the content of an environment variable. */
    public static PrivateKey privateKey(String pemText, String source) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pemText, PRIVATE,
                    source)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + " is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** The public key in PEM text. */
    public static PublicKey publicKey(String pemText, String source) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pemText, PUBLIC, source)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The private key in a PEM file. */
    public static PrivateKey readPrivateKey(Path file) {
        return privateKey(read(file), file.toString());
    }

    /** The public key in a PEM file. */
    public static PublicKey readPublicKey(Path file) {
        return publicKey(read(file), file.toString());
    }

    /** Short id of a public key (first 16 hex digits of the SHA-256 of its encoding), recorded with signatures. */
    public static String keyId(PublicKey key) {
        return Sha256.of(key.getEncoded()).substring(0, 16);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pemText, String type, String source) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pemText.indexOf(begin);
        int to = pemText.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(source + " holds no '" + begin + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(pemText.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": the " + type.toLowerCase(java.util.Locale.ROOT)
                    + " block is not base64", e);
        }
    }

    /**
     * The public key of an Ed25519 private key. The JDK has no call for this, but its key pair generator derives the
     * public key from 32 random bytes, which are the private key: given a source of randomness that returns exactly
     * the private key's bytes, it rebuilds the pair. A signature made with the private key and verified with the result
     * proves the two belong together whatever the JDK's provider does, so a mismatch can never go unnoticed.
     */
    public static PublicKey publicKeyOf(PrivateKey key, String source) {
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
}
