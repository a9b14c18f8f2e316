package dev.haze.demo;

import dev.haze.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's development signing secret: created once in the data folder, then reused so links and
 * sessions survive a restart. This is the only place in the project that generates a secret; the Haze
 * library never does (a secret made up per process was one of the original's flaws).
 */
public final class DevSecret {
    /** The file's name inside the data folder. */
    public static final String FILE_NAME = "dev-secret-key";
    private static final Logger LOG = LoggerFactory.getLogger(DevSecret.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevSecret() {
    }

    /**
     * Creates the secret file (256 random bits, base64url, owner-only permissions where the file system
     * has them) unless it exists, and warns loudly either way.
     *
     * @param file where the secret lives
     * @return the file
     * @throws ConfigurationException if the file cannot be created or read
     */
    public static Path ensure(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (create(file)) {
                LOG.warn("DEVELOPMENT SECRET CREATED in {}: links are signed with a key generated on this machine."
                        + " Fine for trying the demo; in production set HAZE_SECRET_KEY instead.", file);
            } else {
                LOG.warn("DEVELOPMENT SECRET in use from {}: set HAZE_SECRET_KEY in production.", file);
            }
            if (Files.size(file) < 32) {
                throw new ConfigurationException(file + " holds fewer than 32 bytes; delete it to get a new one");
            }
            return file;
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the development secret " + file + ": " + e, e);
        }
    }

    private static boolean create(Path file) throws IOException {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        byte[] text = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        return true;
    }
}
