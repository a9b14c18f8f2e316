package dev.haze.delivery;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test-only TLS certificate of the SMTP servers in {@link SmtpTlsDeliveryTest}: self-signed, for
 * 127.0.0.1 only ({@code keys/smtp-127.0.0.1.p12}, see {@code keys/README.md}).
 */
final class TestCertificate {
    static final String RESOURCE = "/keys/smtp-127.0.0.1.p12";
    static final String PASSWORD = "changeit";

    private TestCertificate() {
    }

    /** @return the key store file, for servers configured by path (GreenMail) */
    static Path file() {
        try {
            return Path.of(TestCertificate.class.getResource(RESOURCE).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a server context presenting the certificate */
    static SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** @return a client context that trusts this certificate and nothing else */
    static SSLContext trustingClientContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("smtp-test", keyStore().getCertificate("smtp"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore keyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TestCertificate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new GeneralSecurityException(RESOURCE + " is missing");
            }
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
