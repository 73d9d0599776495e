package dev.kubectlqperf.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubectlqperf.pipeline.route.ReconcileRoute;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The pipeline's own logback.xml, in both its formats, rendering a line logged during a reconcile. */
class LogFormatTest {

  @Test
  void aTextLineNamesTheRunBeingReconciled() throws Exception {
    String line = render("text", "bench/nightly");
    assertTrue(line.contains("[bench/nightly] "), line);
    assertTrue(line.contains(" INFO "), line);
    assertTrue(line.contains("client pod created"), line);
  }

  @Test
  void aTextLineOutsideAnyRunHasNoEmptyBrackets() throws Exception {
    String line = render("text", null);
    assertTrue(line.contains("client pod created"), line);
    assertFalse(line.contains("[]"), line);
  }

  @Test
  void jsonGivesOneParseableObjectPerLineWithTheRunKey() throws Exception {
    String text = render("json", "bench/nightly");
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), text);
    JsonNode json = new ObjectMapper().readTree(lines.get(0));
    assertEquals("bench/nightly", json.path("mdc").path(ReconcileRoute.MDC_RUN).asText(), text);
    assertEquals("client pod created", json.path("formattedMessage").asText(), text);
    assertEquals("INFO", json.path("level").asText(), text);
  }

  /** Logs one line through a fresh context configured from logback.xml, in the MDC scope of {@code run}. */
  private static String render(String format, String run) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter());
    context.putProperty("QPERF_LOG_FORMAT", format);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ((OutputStreamAppender<ILoggingEvent>) root.getAppender(format)).setOutputStream(out);
    Logger log = context.getLogger("dev.kubectlqperf.pipeline.reconcile.ClientStep");
    if (run != null) {
      MDC.put(ReconcileRoute.MDC_RUN, run);
    }
    try {
      log.info("client pod {}", "created");
    } finally {
      MDC.remove(ReconcileRoute.MDC_RUN);
      context.stop();
    }
    return out.toString(UTF_8);
  }
}
