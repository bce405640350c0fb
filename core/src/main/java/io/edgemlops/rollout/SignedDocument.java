package io.edgemlops.rollout;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A document and its Ed25519 signature, as stored at {@code fleets/<fleet>/desired/<model>.json}.
 * The signature covers the exact payload bytes (kept base64-encoded), so no JSON canonicalisation
 * is needed to verify it, in Java or any other language.
 *
 * @param payload the signed bytes, base64
 * @param signature Ed25519 signature of those bytes, base64
 * @param keyId {@link SigningKeys#keyId} of the public key that verifies it
 */
public record SignedDocument(String payload, String signature, String keyId) {

    /** Signs {@code bytes} with {@code key}; {@code keyId} names the matching public key. */
    public static SignedDocument sign(byte[] bytes, PrivateKey key, String keyId) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(bytes);
            return new SignedDocument(Base64.getEncoder().encodeToString(bytes),
                    Base64.getEncoder().encodeToString(s.sign()), keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** The payload bytes when {@code key} verifies the signature; otherwise a {@link SecurityException}. */
    public byte[] verifiedPayload(PublicKey key) {
        byte[] bytes;
        byte[] sig;
        try {
            bytes = Base64.getDecoder().decode(payload == null ? "" : payload);
            sig = Base64.getDecoder().decode(signature == null ? "" : signature);
        } catch (IllegalArgumentException e) {
            throw new SecurityException("the signed document is malformed: " + e.getMessage());
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(bytes);
            if (sig.length == 0 || !s.verify(sig)) {
                throw new SecurityException("the signature does not verify with key " + SigningKeys.keyId(key)
                        + " (signed with key " + keyId + ")");
            }
        } catch (GeneralSecurityException e) {
            throw new SecurityException("the signature cannot be checked: " + e.getMessage());
        }
        return bytes;
    }

    /** The payload bytes without any check, for the publisher reading back its own document. */
    public byte[] unverifiedPayload() {
        return Base64.getDecoder().decode(payload);
    }
}
