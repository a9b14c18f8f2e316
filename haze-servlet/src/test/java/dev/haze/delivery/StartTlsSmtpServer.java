package dev.haze.delivery;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A mail server that offers STARTTLS and takes a message only after the upgrade ({@code 530} before it), as
 * submission servers on port 587 do. GreenMail (2.1) has no STARTTLS, so this speaks just enough SMTP for
 * Jakarta Mail, over a real TLS handshake with {@link TestCertificate}. Serves one connection at a time.
 */
final class StartTlsSmtpServer implements AutoCloseable {
    /** A message received over TLS and the TLS protocol it came over. */
    record Received(byte[] message, String protocol) {
    }

    private final ServerSocket socket;
    private final SSLContext tls;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    StartTlsSmtpServer() throws Exception {
        tls = TestCertificate.serverContext();
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "starttls-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** @return the messages accepted, oldest first */
    List<Received> received() {
        return List.copyOf(received);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(10_000);
                converse(client);
            } catch (IOException e) {
                // closed, a failed handshake, or the client went away: wait for the next one
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket current = plain;
        SSLSocket secure = null;
        BufferedReader in = reader(current);
        OutputStream out = current.getOutputStream();
        reply(out, "220 starttls.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
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
            switch (verb) {
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

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static byte[] readMessage(BufferedReader in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            String unstuffed = line.startsWith("..") ? line.substring(1) : line;
            message.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return message.toByteArray();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
