package io.etwcorr.cli.security;

import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything every logger writes at INFO and above while open (Kafka clients log their whole
 * configuration at INFO), in place of the console; the console is given back on close.
 */
final class CapturedLogs implements AutoCloseable {
    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig root = context.getConfiguration().getRootLogger();
    private final Level previousLevel = root.getLevel();
    private final Map<String, Appender> previousAppenders = Map.copyOf(root.getAppenders());
    private final Appender capture;

    CapturedLogs() {
        Configuration configuration = context.getConfiguration();
        capture = WriterAppender.newBuilder()
                .setName("captured")
                .setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %c - %msg%n%throwable").build())
                .build();
        capture.start();
        previousAppenders.keySet().forEach(root::removeAppender);
        root.addAppender(capture, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers(configuration);
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        root.removeAppender(capture.getName());
        previousAppenders.values().forEach(appender -> root.addAppender(appender, null, null));
        root.setLevel(previousLevel);
        context.updateLoggers();
        capture.stop();
    }
}
