package dev.haze.demo;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A mail server that takes the whole message and then refuses it ({@code 451}, as a full or broken server
 * does): the sign-in email was written and transmitted, so the test can read its link and prove the
 * refused link does not work. Speaks just enough SMTP for Jakarta Mail; serves one connection at a time.
 */
final class RejectingSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final ConcurrentLinkedQueue<byte[]> refused = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    RejectingSmtpServer() throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "rejecting-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** @return the raw messages received and refused, oldest first */
    java.util.List<byte[]> refusedMessages() {
        return java.util.List.copyOf(refused);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(10_000);
                converse(client);
            } catch (IOException e) {
                // closed, or the client went away: wait for the next one
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        reply(out, "220 rejecting.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    refused.add(readMessage(in));
                    reply(out, "451 4.3.0 mailbox temporarily unavailable");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
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
