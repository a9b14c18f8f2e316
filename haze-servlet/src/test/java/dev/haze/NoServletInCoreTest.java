package dev.haze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core must run without a servlet container (Javalin, Vert.x, the JDK's HttpServer…). This reads the
 * compiled classes of the core packages and fails if any refers to a jakarta.servlet type, however the
 * reference was written (import, fully qualified name, or a transitive signature).
 */
class NoServletInCoreTest {
    private static final List<String> CORE_PACKAGES = List.of("dev/haze", "dev/haze/token",
            "dev/haze/token/internal", "dev/haze/store", "dev/haze/delivery");

    @Test
    void coreClassesReferNoServletType() throws IOException {
        Path classes = Path.of(Haze.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        int checked = 0;
        for (String pkg : CORE_PACKAGES) {
            Path dir = classes.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertThat(constantPool).as("%s refers to the servlet API", classes.relativize(file))
                            .doesNotContain("jakarta/servlet").doesNotContain("javax/servlet");
                    checked++;
                }
            }
        }
        assertThat(checked).as("core classes found and checked").isGreaterThan(20);
    }

    @Test
    void theCheckWouldSeeAServletReference() throws IOException {
        // Guards the test above: a class that does use the servlet API must be caught by the same scan.
        Path servletPackage = Path.of(Haze.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolve("dev/haze/servlet");
        if (Files.isDirectory(servletPackage)) {
            try (Stream<Path> files = Files.list(servletPackage)) {
                boolean anyServletReference = files.filter(f -> f.toString().endsWith(".class")).anyMatch(f -> {
                    try {
                        return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                                .contains("jakarta/servlet");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertThat(anyServletReference).isTrue();
            }
        } else {
            Path own = Path.of(NoServletInCoreTest.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                    .resolve("dev/haze/NoServletInCoreTest.class");
            assertThat(new String(Files.readAllBytes(own), StandardCharsets.ISO_8859_1)).contains("jakarta/servlet");
        }
    }

    /** Referenced only so this class's own bytes hold a servlet type name for the guard above. */
    @SuppressWarnings("unused")
    private static final String SERVLET_TYPE_NAME = "jakarta/servlet/Filter";
}
