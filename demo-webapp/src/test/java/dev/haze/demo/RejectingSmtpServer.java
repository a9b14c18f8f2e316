package dev.haze.demo;

import dev.haze.testing.ScriptedSmtpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A mail server that takes the whole message and then refuses it ({@code 451}, as a full or broken server
 * does): the sign-in email was written and transmitted, so the test can read its link and prove the
 * refused link does not work.
 */
final class RejectingSmtpServer extends ScriptedSmtpServer {
    private final ConcurrentLinkedQueue<byte[]> refused = new ConcurrentLinkedQueue<>();

    RejectingSmtpServer() throws IOException {
        super("rejecting-smtp");
    }

    /** @return the raw messages received and refused, oldest first */
    List<byte[]> refusedMessages() {
        return List.copyOf(refused);
    }

    @Override
    protected void converse(Socket client) throws IOException {
        BufferedReader in = reader(client);
        OutputStream out = client.getOutputStream();
        reply(out, "220 rejecting.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            switch (verb(line)) {
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
}
