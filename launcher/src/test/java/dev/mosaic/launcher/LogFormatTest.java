package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mosaic's logback.xml, in both formats: one line per event, stack trace included. */
class LogFormatTest {

  @Test
  void jsonFormatWritesOneJsonObjectPerEventWithItsStackTrace() throws Exception {
    String[] lines = log("json").split("\n");

    assertThat(lines).hasSize(1);
    JsonNode event = new ObjectMapper().readTree(lines[0]);
    assertThat(event.path("level").asText()).isEqualTo("WARN");
    assertThat(event.path("loggerName").asText()).isEqualTo("dev.mosaic.test");
    assertThat(event.path("message").asText()).isEqualTo("carbon \"down\"");
    assertThat(event.path("throwable").path("message").asText()).isEqualTo("refused");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", ""})
  void textFormatIsTheDefault(String format) throws Exception {
    String out = log(format);

    assertThat(out).contains("WARN  [").contains("dev.mosaic.test - carbon \"down\"");
    assertThat(out).contains("java.lang.IllegalStateException: refused");
  }

  /** Configures a fresh logger context from logback.xml and logs one event with an exception. */
  private static String log(String format) throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding sets on its own context
    try {
      if (format.isEmpty()) {
        System.clearProperty("mosaic.log.format");
      } else {
        System.setProperty("mosaic.log.format", format);
      }
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      context
          .getLogger("dev.mosaic.test")
          .warn("carbon \"down\"", new IllegalStateException("refused"));
    } finally {
      context.stop();
      System.setErr(stderr);
      System.clearProperty("mosaic.log.format");
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
