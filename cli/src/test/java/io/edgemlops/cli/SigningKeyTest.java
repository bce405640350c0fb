package io.edgemlops.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgemlops.rollout.SigningKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public key and key id of a signing key are derived from the private key alone. */
class SigningKeyTest {

    @Test
    void thePublicKeyOfAnEd25519PrivateKeyIsTheOneGeneratedWithIt() {
        for (int i = 0; i < 20; i++) {
            KeyPair pair = SigningKeys.generate();
            assertArrayEquals(pair.getPublic().getEncoded(),
                    io.edgemlops.rollout.SigningKeys.publicKeyOf(pair.getPrivate(), "test").getEncoded());
        }
    }

    @Test
    void theKeyIdIsThePublicKeysAsKeysGenerateAndDevicesComputeIt() throws Exception {
        KeyPair pair = SigningKeys.generate();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        SigningKey key = SigningKey.load(null, Map.of(SigningKey.VARIABLE, pem), Path.of("."));

        assertEquals(SigningKeys.keyId(pair.getPublic()), key.keyId());
        assertEquals(SigningKey.VARIABLE, key.source());
        assertEquals("SigningKey[keyId=" + key.keyId() + ", source=EDGE_MLOPS_SIGNING_KEY]", key.toString(),
                "the key itself never appears in a message");
    }

    @Test
    void anotherKindOfKeyIsRefused() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> io.edgemlops.rollout.SigningKeys.publicKeyOf(rsa.getPrivate(), "key.pem"));
        assertEquals("key.pem is not an Ed25519 private key", e.getMessage());
    }
}
