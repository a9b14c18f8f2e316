package dev.haze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core must run without a servlet container (Javalin, Vert.x, the JDK's HttpServer…). This reads every
 * compiled class under {@code dev/haze}, in every sub-package however deep, except {@code dev/haze/servlet}
 * and below, and fails if any refers to a servlet type, however the reference was written (import, fully
 * qualified name, or a transitive signature).
 */
class NoServletInCoreTest {
    private static final Path ROOT = Path.of("dev", "haze");
    /** The one part of the module allowed to use the servlet API. */
    private static final Path SERVLET = ROOT.resolve("servlet");

    private static Path classes() {
        return Path.of(Haze.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    }

    /** @return every class file under {@code dev/haze}, relative to the classes folder */
    private static List<Path> classFiles() throws IOException {
        Path classes = classes();
        try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
            return files.filter(f -> f.toString().endsWith(".class")).map(classes::relativize).sorted().toList();
        }
    }

    private static boolean refersToServletApi(Path classFile) {
        try {
            String constantPool = new String(Files.readAllBytes(classes().resolve(classFile)),
                    StandardCharsets.ISO_8859_1);
            return constantPool.contains("jakarta/servlet") || constantPool.contains("javax/servlet");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void coreClassesReferNoServletType() throws IOException {
        List<Path> core = classFiles().stream().filter(f -> !f.startsWith(SERVLET)).toList();

        assertThat(core.stream().filter(NoServletInCoreTest::refersToServletApi))
                .as("core classes that refer to the servlet API").isEmpty();
        Set<String> packages = core.stream().map(f -> f.getParent().toString().replace('\\', '/'))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(packages).as("every core package is scanned, sub-packages included")
                .contains("dev/haze", "dev/haze/token", "dev/haze/token/internal", "dev/haze/store",
                        "dev/haze/delivery", "dev/haze/delivery/internal")
                .noneMatch(p -> p.startsWith("dev/haze/servlet/") || p.equals("dev/haze/servlet"));
        assertThat(core).as("core classes found and checked").hasSizeGreaterThan(20);
    }

    @Test
    void theCheckWouldSeeAServletReference() throws IOException {
        // Guards the test above: the same walk and check find the servlet package's references, in its
        // sub-packages too, so a core class written the same way would be caught wherever it sits.
        List<Path> servlet = classFiles().stream().filter(f -> f.startsWith(SERVLET)).toList();

        assertThat(servlet).anyMatch(f -> f.getParent().equals(SERVLET) && refersToServletApi(f));
        assertThat(servlet).anyMatch(f -> f.getParent().equals(SERVLET.resolve("internal")) && refersToServletApi(f));
        assertThat(Path.of("dev/haze/servletish/X.class").startsWith(SERVLET))
                .as("only dev/haze/servlet itself is exempt, not a package whose name merely starts alike").isFalse();
    }
}
