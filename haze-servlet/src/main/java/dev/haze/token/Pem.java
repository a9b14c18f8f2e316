package dev.haze.token;

import dev.haze.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads keys from PEM text: private keys as PKCS#8 ({@code BEGIN PRIVATE KEY}), public keys as X.509
 * SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}), as {@code openssl genpkey} and {@code openssl pkey
 * -pubout} write them. Encrypted and legacy ({@code BEGIN RSA PRIVATE KEY}) keys are refused with a
 * message saying how to convert them.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private Pem() {
    }

    /**
     * @param file a PEM file holding a PKCS#8 private key
     * @param family the key family expected
     * @param option the option name to report on failure
     * @return the key
     * @throws ConfigurationException naming {@code option} if the file is unreadable or holds another kind of key
     */
    public static PrivateKey readPrivateKey(Path file, JwtAlgorithm.Family family, String option) {
        byte[] der = decode(read(file, option), "PRIVATE KEY", option);
        try {
            return KeyFactory.getInstance(javaName(family)).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(option + ": not a PKCS#8 " + family + " private key", e);
        }
    }

    /**
     * @param file a PEM file holding an X.509 public key
     * @param family the key family expected
     * @param option the option name to report on failure
     * @return the key
     * @throws ConfigurationException naming {@code option} if the file is unreadable or holds another kind of key
     */
    public static PublicKey readPublicKey(Path file, JwtAlgorithm.Family family, String option) {
        byte[] der = decode(read(file, option), "PUBLIC KEY", option);
        try {
            return KeyFactory.getInstance(javaName(family)).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(option + ": not an X.509 " + family + " public key", e);
        }
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(option + ": cannot read PEM file " + file + " (" + e + ")", e);
        }
    }

    private static byte[] decode(String pem, String expectedLabel, String option) {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw new ConfigurationException(option + ": no PEM block found; expected -----BEGIN "
                    + expectedLabel + "-----");
        }
        String label = m.group(1);
        if (!label.equals(expectedLabel)) {
            throw new ConfigurationException(option + ": found a '" + label + "' PEM block, expected '"
                    + expectedLabel + "'; convert with: openssl pkcs8 -topk8 -nocrypt (private) or"
                    + " openssl pkey -pubout (public)");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(option + ": the " + expectedLabel + " PEM block is not valid base64", e);
        }
    }

    private static String javaName(JwtAlgorithm.Family family) {
        return family == JwtAlgorithm.Family.RSA ? "RSA" : "EC";
    }
}
