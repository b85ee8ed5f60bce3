package dev.mosaic.stateengine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import dev.mosaic.stateengine.StateEngine;
import dev.mosaic.stateengine.StateEngineKeys;
import dev.mosaic.stateengine.StateEngineService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The on-call page in Debian's headless Chromium against a real state engine and broker: an
 * incident the test opens shows up, and pressing Acknowledge with the typed token acknowledges it.
 * Skips where {@code chromium} or {@code chromedriver} is not installed.
 */
@Tag("browser")
@ExtendWith(KafkaBrokerExtension.class)
class OnCallPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TOKEN = "on-call-t0ken";
  private static final String SERIES = "stats.timers.api.get.upper_90";
  private static final String CHECKS =
      """
      checks:
        - name: api-latency
          pattern: stats.timers.api.*.upper_90
          warning: 250
          critical: 500
          labels: {team: api, runbook: "https://runbooks.example/api-latency"}
          description: "{series} p90 is {value} ms"
      """;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path checksDir;
  @TempDir Path browserProfile;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void incidentAppearsAndIsAcknowledgedFromThePage(EmbeddedKafkaBroker kafka) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed (Debian: chromium)");
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER),
        CHROMEDRIVER + " is not installed (Debian: chromium-driver)");
    Files.writeString(checksDir.resolve("api.yaml"), CHECKS);
    ServiceContext context = context(kafka);

    try (StateEngineService engine = start(context)) {
      String base = "http://127.0.0.1:" + engine.httpPort();
      long now = System.currentTimeMillis() / 1000; // recent values are kept by point time
      produce(context.kafka(), new AggregatePoint(SERIES, 120, now - 20));
      produce(context.kafka(), new AggregatePoint(SERIES, 900, now - 10));
      await().atMost(WAIT).until(() -> get(base + "/incidents?state=open").size() == 1);
      String id = get(base + "/incidents?state=open").get(0).get("id").asText();

      WebDriver browser = chromium();
      try {
        browser.get(base + "/");
        By row = By.cssSelector("#incidents tr[data-incident-id='" + id + "']");
        WebElement incident = awaitElement(browser, row);
        assertThat(incident.getText())
            .contains("CRITICAL", "900", "api-latency", SERIES, "team=api");
        assertThat(incident.findElement(By.linkText("runbook")).getAttribute("href"))
            .isEqualTo("https://runbooks.example/api-latency");
        assertThat(
                awaitElement(browser, By.cssSelector("#checks svg.sparkline"))
                    .getAttribute("aria-label"))
            .isEqualTo("2 recent values from 120 to 900, latest 900");

        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("token-save")).click();
        awaitElement(browser, row).findElement(By.cssSelector("button.ack")).click();

        await()
            .atMost(WAIT)
            .until(() -> get(base + "/incidents/" + id).get("acknowledged").asBoolean());
        await()
            .atMost(WAIT)
            .until(
                () ->
                    awaitElement(browser, row)
                        .findElement(By.cssSelector("td.status"))
                        .getText()
                        .contains("acknowledged"));
        assertThat(browser.findElement(By.id("action-message")).getText())
            .isEqualTo("Acknowledged api-latency on " + SERIES + ".");
        assertThat(browser.getPageSource()).doesNotContain(TOKEN);

        WebElement silenceRow = awaitElement(browser, row);
        silenceRow
            .findElement(By.cssSelector("select.silence-duration option[value='1h']"))
            .click();
        silenceRow.findElement(By.cssSelector("button.silence")).click();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    get(base + "/incidents/" + id).get("silencedUntilMillis").asLong()
                        > System.currentTimeMillis() + Duration.ofMinutes(50).toMillis());

        // A broken check file shows as a banner with its file and line.
        Files.writeString(
            checksDir.resolve("broken.yaml"), "checks:\n  - name: x\n    pattrn: y\n");
        await().atMost(WAIT).until(() -> browser.findElement(By.id("config-errors")).isDisplayed());
        assertThat(browser.findElement(By.id("config-error-text")).getText())
            .startsWith(checksDir.resolve("broken.yaml") + ":3: ");
      } finally {
        browser.quit();
      }
    }
  }

  /**
   * Debian's binaries, named explicitly so that Selenium Manager never looks for (or downloads) a
   * browser or driver of its own.
   */
  private WebDriver chromium() {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + browserProfile);
    return new ChromeDriver(service, options);
  }

  private static WebElement awaitElement(WebDriver browser, By by) {
    return await()
        .atMost(WAIT)
        .ignoreExceptions() // the page rebuilds rows as it polls
        .until(() -> browser.findElement(by), WebElement::isDisplayed);
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    return body.has("incidents") ? body.get("incidents") : body;
  }

  private ServiceContext context(EmbeddedKafkaBroker kafka) throws Exception {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(StateEngineKeys.ALL);
    MosaicConfig config =
        new ConfigLoader(keys, Set.of())
            .load(
                List.of(
                    "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--kafka.topic-prefix=page-" + UUID.randomUUID() + ".",
                    "--state-engine.consumer-group=page-" + UUID.randomUUID(),
                    "--state-engine.checks-dir=" + checksDir,
                    "--state-engine.checks-reload-interval=100ms",
                    "--state-engine.http.port=0",
                    "--state-engine.api-token=" + TOKEN),
                Map.of());
    return new ServiceContext(
        config,
        KafkaSettings.from(config, kafka.bootstrapServers()),
        new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  private static StateEngineService start(ServiceContext context) throws Exception {
    MosaicService service = StateEngine.DEFINITION.factory().create(context);
    service.start();
    return (StateEngineService) service;
  }

  /** One aggregates record, on the partition the aggregator would use for the source metric. */
  private static void produce(KafkaSettings kafka, AggregatePoint point) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            kafka.clientProperties("test-aggregator"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      int partition = MetricPartitioner.partitionFor("api.get", kafka.partitions());
      byte[] batch =
          AggregateBatchSerde.encode(
              new AggregateBatch(point.timestampSeconds() * 1000, 10_000, List.of(point)));
      producer
          .send(new ProducerRecord<>(kafka.topics().aggregates(), partition, null, batch))
          .get();
    }
  }
}
