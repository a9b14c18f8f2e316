package dev.haze;

/**
 * A configuration option is missing or has a value Haze cannot accept. The message names the option
 * (its kebab-case name, as used in maps and init-params) and says what values are accepted.
 */
public class ConfigurationException extends HazeException {
    private static final long serialVersionUID = 1L;

    /** @param message names the option and the accepted values */
    public ConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message names the option and the accepted values
     * @param cause the underlying failure (for example an unreadable PEM file)
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
