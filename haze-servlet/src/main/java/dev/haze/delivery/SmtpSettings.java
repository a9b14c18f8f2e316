package dev.haze.delivery;

import dev.haze.ConfigurationException;
import dev.haze.HazeOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How {@link SmtpLinkSender} reaches the mail server: host, port, transport security, credentials, the
 * sender address, the subject and the timeouts. Immutable and thread-safe; built with {@link #builder()}
 * or read from string options with {@link #fromOptions(Map)}. Every value is validated when built, with a
 * message that names the option.
 *
 * <p>Security: {@link #toString()} never shows the password. Give the password as {@code ${env:NAME}}
 * or {@code ${file:PATH}} so it does not sit in web.xml.
 */
public final class SmtpSettings {

    /** Every option name {@link #fromOptions(Map)} accepts; the servlet filter routes these here. */
    public static final Set<String> OPTION_NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            "smtp-host", "smtp-port", "smtp-security", "smtp-username", "smtp-password", "smtp-from",
            "smtp-subject", "smtp-connect-timeout", "smtp-read-timeout")));

    /** The subject used when none is configured. */
    public static final String DEFAULT_SUBJECT = "Your sign-in link";
    /** The connect and read timeout used when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** Transport security towards the mail server. */
    public enum Security {
        /** Plain SMTP: only for a server on the same host or a trusted network (default port 25). */
        NONE(25),
        /** Plain connection upgraded with STARTTLS; the upgrade is required, never skipped (default port 587). */
        STARTTLS(587),
        /** TLS from the first byte, "SMTPS" (default port 465). */
        SSL(465);

        private final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** @return the usual port for this kind of connection */
        public int defaultPort() {
            return defaultPort;
        }
    }

    private final String host;
    private final int port;
    private final Security security;
    private final String username;
    private final String password;
    private final String from;
    private final String subject;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    private SmtpSettings(Builder b) {
        this.host = b.host;
        this.security = b.security;
        this.port = b.port == null ? b.security.defaultPort() : b.port;
        this.username = b.username;
        this.password = b.password;
        this.from = b.from;
        this.subject = b.subject;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
    }

    /** @return a new builder; not thread-safe */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads settings from string options ({@link #OPTION_NAMES}); values may be {@code ${env:NAME}} or
     * {@code ${file:PATH}}. {@code smtp-host} and {@code smtp-from} are required; {@code smtp-security} is
     * {@code none}, {@code starttls} (default) or {@code ssl}; the port defaults to 25, 587 or 465 to match;
     * timeouts take {@code 10}, {@code 10s}, {@code PT10S}; {@code smtp-username} and {@code smtp-password}
     * go together.
     *
     * @param options the options; names outside {@link #OPTION_NAMES} are errors
     * @return the validated settings
     * @throws ConfigurationException naming the option that is unknown, missing or malformed
     */
    public static SmtpSettings fromOptions(Map<String, String> options) {
        return fromOptions(options, System::getenv);
    }

    /**
     * As {@link #fromOptions(Map)}, resolving {@code ${env:NAME}} with the given environment.
     *
     * @param options the options
     * @param environment looks up environment variables
     * @return the validated settings
     * @throws ConfigurationException naming the option that is unknown, missing or malformed
     */
    public static SmtpSettings fromOptions(Map<String, String> options, Function<String, String> environment) {
        Builder b = builder();
        options.forEach((name, raw) -> {
            if (!OPTION_NAMES.contains(name)) {
                throw new ConfigurationException("unknown option '" + name + "'; known SMTP options: " + OPTION_NAMES);
            }
            String value = HazeOptions.resolve(name, raw, environment);
            if (value == null || value.isBlank()) {
                return;
            }
            switch (name) {
                case "smtp-host" -> b.host(value.trim());
                case "smtp-port" -> b.port(HazeOptions.integer(name, value, 1, 65535));
                case "smtp-security" -> b.security(security(value));
                case "smtp-username" -> b.username(value);
                case "smtp-password" -> b.password(value);
                case "smtp-from" -> b.from(value.trim());
                case "smtp-subject" -> b.subject(value.trim());
                case "smtp-connect-timeout" -> b.connectTimeout(HazeOptions.duration(name, value));
                default -> b.readTimeout(HazeOptions.duration(name, value));
            }
        });
        return b.build();
    }

    private static Security security(String value) {
        try {
            return Security.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("smtp-security must be none, starttls or ssl, was '" + value + "'");
        }
    }

    /** @return the mail server's host name */
    public String host() {
        return host;
    }

    /** @return the mail server's port */
    public int port() {
        return port;
    }

    /** @return the transport security */
    public Security security() {
        return security;
    }

    /** @return the user name to authenticate with, or null for no authentication */
    public String username() {
        return username;
    }

    /** @return the password (a secret: never log it), or null for no authentication */
    public String password() {
        return password;
    }

    /** @return the sender address, possibly with a display name ({@code "Acme <login@acme.com>"}) */
    public String from() {
        return from;
    }

    /** @return the subject line */
    public String subject() {
        return subject;
    }

    /** @return how long to wait for the connection to the server */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return how long to wait for each answer from the server (also used for writes) */
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security
                + ", username=" + (username == null ? "none" : username) + ", from=" + from + "]";
    }

    /** Collects and validates {@link SmtpSettings}. Not thread-safe. */
    public static final class Builder {
        private String host;
        private Integer port;
        private Security security = Security.STARTTLS;
        private String username;
        private String password;
        private String from;
        private String subject = DEFAULT_SUBJECT;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration readTimeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /**
         * @param host the mail server's host name (option {@code smtp-host}, required)
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * @param port the mail server's port, 1 to 65535 (option {@code smtp-port}); default by security
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param security the transport security (option {@code smtp-security}); default STARTTLS
         * @return this builder
         */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * @param username the user name (option {@code smtp-username}); null for none
         * @return this builder
         */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * @param password the password (option {@code smtp-password}); null for none
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * @param from the sender address, optionally with a display name (option {@code smtp-from}, required)
         * @return this builder
         */
        public Builder from(String from) {
            this.from = from;
            return this;
        }

        /**
         * @param subject the subject line (option {@code smtp-subject})
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param timeout the connect timeout (option {@code smtp-connect-timeout}), 1 ms to 10 minutes
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * @param timeout the read and write timeout (option {@code smtp-read-timeout}), 1 ms to 10 minutes
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /**
         * @return the validated settings
         * @throws ConfigurationException naming the option that is missing or out of range
         */
        public SmtpSettings build() {
            if (host == null || host.isBlank()) {
                throw new ConfigurationException("smtp-host is required: the mail server's host name");
            }
            if (port != null && (port < 1 || port > 65535)) {
                throw new ConfigurationException("smtp-port must be between 1 and 65535, was " + port);
            }
            if (from == null || from.isBlank()) {
                throw new ConfigurationException("smtp-from is required: the sender address, e.g. login@example.com");
            }
            requireOneLine("smtp-host", host);
            requireOneLine("smtp-from", from);
            if (subject == null || subject.isBlank()) {
                throw new ConfigurationException("smtp-subject must not be empty");
            }
            requireOneLine("smtp-subject", subject);
            if ((username == null) != (password == null)) {
                throw new ConfigurationException("smtp-username and smtp-password must be given together");
            }
            checkTimeout("smtp-connect-timeout", connectTimeout);
            checkTimeout("smtp-read-timeout", readTimeout);
            return new SmtpSettings(this);
        }

        private static void requireOneLine(String option, String value) {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new ConfigurationException(option + " must be a single line");
            }
        }

        private static void checkTimeout(String option, Duration timeout) {
            if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new ConfigurationException(option + " must be between 1ms and 10m, was " + timeout);
            }
        }
    }
}
