package dev.haze.testing;

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

/**
 * A real SMTP server on 127.0.0.1 that speaks just enough of the protocol for Jakarta Mail, for the cases
 * GreenMail does not cover (a server that refuses after DATA, STARTTLS). A subclass writes the conversation;
 * this class accepts connections, one at a time, and reads and writes SMTP lines.
 */
public abstract class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;

    /**
     * Listens on a free loopback port and starts accepting.
     *
     * @param name the accepting thread's name
     * @throws IOException if no port can be opened
     */
    protected ScriptedSmtpServer(String name) throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port it listens on */
    public int port() {
        return socket.getLocalPort();
    }

    /**
     * Talks to one client, from the greeting to QUIT.
     *
     * @param client the connected client (with a read timeout set)
     * @throws IOException when the client goes away or the TLS handshake fails
     */
    protected abstract void converse(Socket client) throws IOException;

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

    /**
     * @param socket a connection
     * @return a UTF-8 line reader on it
     * @throws IOException if the stream cannot be opened
     */
    protected static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * @param line a command line
     * @return its verb, upper case (the first four characters)
     */
    protected static String verb(String line) {
        return line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
    }

    /**
     * Reads a message after {@code 354}, up to the lone dot, undoing dot-stuffing.
     *
     * @param in the client's lines
     * @return the raw message
     * @throws IOException if the client goes away
     */
    protected static byte[] readMessage(BufferedReader in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            String unstuffed = line.startsWith("..") ? line.substring(1) : line;
            message.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return message.toByteArray();
    }

    /**
     * @param out the client's stream
     * @param text a reply line (or lines joined by CRLF)
     * @throws IOException if the client goes away
     */
    protected static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Stops listening. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
