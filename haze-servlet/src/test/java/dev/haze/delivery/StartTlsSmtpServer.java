package dev.haze.delivery;

import dev.haze.testing.ScriptedSmtpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A mail server that offers STARTTLS and takes a message only after the upgrade ({@code 530} before it), as
 * submission servers on port 587 do. GreenMail (2.1) has no STARTTLS, so this speaks just enough SMTP for
 * Jakarta Mail, over a real TLS handshake with {@link TestCertificate}.
 */
final class StartTlsSmtpServer extends ScriptedSmtpServer {
    /** A message received over TLS and the TLS protocol it came over. */
    record Received(byte[] message, String protocol) {
    }

    private volatile SSLContext tls; // set right after the acceptor starts; read only once a client connects
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    StartTlsSmtpServer() throws Exception {
        super("starttls-smtp");
        tls = TestCertificate.serverContext();
    }

    /** @return the messages accepted, oldest first */
    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    protected void converse(Socket plain) throws IOException {
        Socket current = plain;
        SSLSocket secure = null;
        BufferedReader in = reader(current);
        OutputStream out = current.getOutputStream();
        reply(out, "220 starttls.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equalsIgnoreCase("STARTTLS") && secure == null) {
                reply(out, "220 2.0.0 go ahead");
                secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
                secure.setUseClientMode(false);
                secure.startHandshake();
                current = secure;
                in = reader(current);
                out = current.getOutputStream();
                continue;
            }
            switch (verb(line)) {
                case "EHLO" -> reply(out, secure == null ? "250-starttls.test\r\n250 STARTTLS" : "250 starttls.test");
                case "HELO", "RSET", "NOOP" -> reply(out, "250 OK");
                case "MAIL", "RCPT" -> reply(out, secure == null ? "530 5.7.0 Must issue a STARTTLS command first"
                        : "250 OK");
                case "DATA" -> {
                    if (secure == null) {
                        reply(out, "530 5.7.0 Must issue a STARTTLS command first");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    received.add(new Received(readMessage(in), secure.getSession().getProtocol()));
                    reply(out, "250 OK");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }
}
