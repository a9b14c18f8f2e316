package dev.haze.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three servlet url-pattern forms, matched as a container would map them. */
class PathPatternsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/exact | /exact | true", "/exact | /exact/ | false", "/exact | /exact/x | false", "/exact | /exactly | false",
        "/exact | /Exact | false", "/exact | / | false",
        "/app/* | /app | true", "/app/* | /app/ | true", "/app/* | /app/x/y | true", "/app/* | /apple | false",
        "/app/* | /ap | false", "/app/* | /other/app/x | false",
        "/* | / | true", "/* | /anything/at/all | true",
        "*.secret | /a.secret | true", "*.secret | /dir/b.secret | true", "*.secret | /a.secret/b | false",
        "*.secret | /a.secrets | false", "*.secret | /a.SECRET | false", "*.secret | /secret | false",
        "*.secret | /a-secret | false"})
    void matchesAsTheServletSpecificationMapsPatterns(String pattern, String path, boolean matches) {
        assertThat(new PathPatterns(List.of(pattern)).matches(path)).as(pattern + " ~ " + path).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/admin | true", "/admin/x | false", "/account/orders | true", "/report.pdf | true", "/report.pdf/x | false",
        "/public | false", "/ | false"})
    void anyOfSeveralPatternsMatches(String path, boolean matches) {
        PathPatterns patterns = new PathPatterns(List.of("/admin", "/account/*", "*.pdf"));
        assertThat(patterns.matches(path)).as(path).isEqualTo(matches);
    }
}
