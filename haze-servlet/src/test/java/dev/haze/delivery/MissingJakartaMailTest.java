package dev.haze.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.auth0.jwt.JWT;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Jakarta Mail is optional: loads Haze in a class loader that has Haze, java-jwt and SLF4J but no mail
 * jars, as an application without them would, and checks the sender explains what to add.
 */
class MissingJakartaMailTest {

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void constructingTheSenderWithoutJakartaMailNamesTheArtifactsToAdd() throws Exception {
        URL[] classPath = {jarOf(SmtpLinkSender.class), jarOf(JWT.class), jarOf(LoggerFactory.class)};
        try (URLClassLoader withoutMail = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            assertThat(catchThrowable(() -> Class.forName("jakarta.mail.Session", false, withoutMail)))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> settingsType = withoutMail.loadClass(SmtpSettings.class.getName());
            Object builder = settingsType.getMethod("builder").invoke(null);
            builder.getClass().getMethod("host", String.class).invoke(builder, "127.0.0.1");
            builder.getClass().getMethod("from", String.class).invoke(builder, "login@app.example");
            Object settings = builder.getClass().getMethod("build").invoke(builder);
            Class<?> senderType = withoutMail.loadClass(SmtpLinkSender.class.getName());

            Throwable thrown = catchThrowable(() -> senderType.getConstructor(settingsType).newInstance(settings));

            assertThat(thrown).isInstanceOf(InvocationTargetException.class);
            Throwable cause = thrown.getCause();
            assertThat(cause.getClass().getName()).isEqualTo("dev.haze.ConfigurationException");
            assertThat(cause.getMessage()).contains("org.eclipse.angus:angus-mail")
                    .contains("jakarta.mail:jakarta.mail-api");
        }
    }
}
