package dev.mosaic.stateengine.http;

import dev.mosaic.contract.GraphitePattern;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.check.CheckDurations;
import dev.mosaic.stateengine.eval.CheckEngine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What each API call answers, without the HTTP server: reads from the {@link CheckEngine}, and
 * acknowledgements and silences, which the engine publishes like any other incident event.
 *
 * <pre>
 * HTTP client → ApiServer → ApiRoutes → CheckEngine
 * </pre>
 *
 * <p>Thread-safe as the engine is.
 */
public final class ApiRoutes {
  static final long DEFAULT_RANGE_SECONDS = 300;

  private final CheckEngine engine;
  private final Clock clock;
  private final String apiToken;
  private final Supplier<Optional<String>> checkFileError;
  private final Supplier<KafkaHealth> kafka;

  /**
   * @param apiToken required as {@code Authorization: Bearer <token>} on mutating calls; empty
   *     refuses them
   * @param checkFileError why the check files on disk were rejected, if they were
   * @param kafka how writing to Kafka goes, for {@code GET /health}
   */
  public ApiRoutes(
      CheckEngine engine,
      Clock clock,
      String apiToken,
      Supplier<Optional<String>> checkFileError,
      Supplier<KafkaHealth> kafka) {
    this.engine = engine;
    this.clock = clock;
    this.apiToken = apiToken;
    this.checkFileError = checkFileError;
    this.kafka = kafka;
  }

  /** Routes of an engine without Kafka ({@link KafkaHealth#none()}). */
  public ApiRoutes(
      CheckEngine engine, Clock clock, String apiToken, Supplier<Optional<String>> checkFileError) {
    this(engine, clock, apiToken, checkFileError, KafkaHealth::none);
  }

  public ApiResponse handle(ApiRequest request) {
    String[] parts = request.path().replaceAll("/+$", "").split("/");
    String method = request.method();
    if (parts.length == 2 && method.equals("GET")) {
      switch (parts[1]) {
        case "health":
          return health();
        case "checks":
          return checks();
        case "incidents":
          return incidents(request.query());
        case "check":
          return umpire(request.query());
        case "recent-values":
          return RecentValuesView.answer(engine, clock.millis(), request.query());
        default:
          break;
      }
    }
    if (parts.length >= 3 && parts[1].equals("incidents")) {
      String id = parts[2];
      if (parts.length == 3 && method.equals("GET")) {
        return engine
            .incident(id)
            .<ApiResponse>map(i -> new ApiResponse(200, i))
            .orElseGet(() -> ApiResponse.error(404, "no incident " + id));
      }
      if (parts.length == 4 && method.equals("POST")) {
        Optional<ApiResponse> refused = refuseUnauthorised(request);
        if (refused.isPresent()) {
          return refused.get();
        }
        return switch (parts[3]) {
          case "ack" -> mutate(id, engine.acknowledge(id, clock.millis()));
          case "silence" -> silence(id, request.query());
          default -> ApiResponse.error(404, "no such call");
        };
      }
    }
    return ApiResponse.error(404, "no such call: " + method + " " + request.path());
  }

  /** 200 while incidents are written to Kafka, 503 ({@code degraded}) while they cannot be. */
  private ApiResponse health() {
    KafkaHealth kafkaHealth = kafka.get();
    Optional<String> fileError = checkFileError.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", kafkaHealth.ok() ? "ok" : "degraded");
    body.put("checks", engine.checks().size());
    body.put("openIncidents", engine.incidents(true).size());
    body.put("checkFileError", fileError.orElse(null));
    body.put("checkFileErrors", CheckFileErrorView.of(fileError));
    body.put("kafka", kafkaHealth);
    return new ApiResponse(kafkaHealth.ok() ? 200 : 503, body);
  }

  private ApiResponse checks() {
    List<Check> checks = engine.checks();
    Map<String, Map<String, SeriesState>> states =
        engine.states(Set.copyOf(checks.stream().map(Check::name).toList()));
    List<Map<String, Object>> out =
        checks.stream()
            .map(c -> CheckView.of(c, new TreeMap<>(states.getOrDefault(c.name(), Map.of()))))
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("checks", out);
    Optional<String> fileError = checkFileError.get();
    body.put("checkFileError", fileError.orElse(null));
    body.put("checkFileErrors", CheckFileErrorView.of(fileError));
    return new ApiResponse(200, body);
  }

  private ApiResponse incidents(Map<String, String> query) {
    String state = query.getOrDefault("state", "all");
    if (!state.equals("open") && !state.equals("all")) {
      return ApiResponse.error(400, "state must be 'open' or 'all'");
    }
    return new ApiResponse(200, Map.of("incidents", engine.incidents(state.equals("open"))));
  }

  private ApiResponse silence(String id, Map<String, String> query) {
    Duration duration;
    try {
      duration = CheckDurations.parse(query.get("duration"));
    } catch (IllegalArgumentException e) {
      return ApiResponse.error(400, "duration: " + e.getMessage());
    }
    return mutate(id, engine.silence(id, duration, clock.millis()));
  }

  private ApiResponse mutate(String id, Optional<IncidentEvent> event) {
    if (event.isEmpty()) {
      return ApiResponse.error(404, "no open incident " + id);
    }
    return new ApiResponse(200, event.get().incident());
  }

  /**
   * Umpire's contract: 200 if every matching series' mean over the range is within the bounds, 500
   * if one is not, 404 if no series has a value in the range.
   */
  private ApiResponse umpire(Map<String, String> query) {
    GraphitePattern pattern;
    double max;
    double min;
    long range;
    try {
      pattern = GraphitePattern.compile(query.get("metric"));
      max = bound(query.get("max"), Double.POSITIVE_INFINITY);
      min = bound(query.get("min"), Double.NEGATIVE_INFINITY);
      range =
          query.containsKey("range") ? Long.parseLong(query.get("range")) : DEFAULT_RANGE_SECONDS;
      if (range < 1) {
        throw new IllegalArgumentException("range must be at least 1 second");
      }
    } catch (IllegalArgumentException e) {
      return ApiResponse.error(400, "metric, max, min, range: " + e.getMessage());
    }
    Map<String, List<Double>> values = engine.recentValues(pattern, clock.millis() / 1000 - range);
    if (values.isEmpty()) {
      return ApiResponse.error(404, "no data for " + pattern + " in the last " + range + "s");
    }
    Map<String, Double> means = new TreeMap<>();
    values.forEach(
        (series, list) ->
            means.put(series, list.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
    boolean within = means.values().stream().allMatch(m -> m <= max && m >= min);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", within ? "ok" : "out of bounds");
    body.put("means", means);
    return new ApiResponse(within ? 200 : 500, body);
  }

  private static double bound(String text, double otherwise) {
    if (text == null) {
      return otherwise;
    }
    double value = Double.parseDouble(text); // NumberFormatException is an IllegalArgument one
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("'" + text + "' is not a finite number");
    }
    return value;
  }

  private Optional<ApiResponse> refuseUnauthorised(ApiRequest request) {
    if (apiToken.isEmpty()) {
      return Optional.of(
          ApiResponse.error(403, "mutating calls are off: state-engine.api-token is not set"));
    }
    String expected = "Bearer " + apiToken;
    String given = request.authorization() == null ? "" : request.authorization();
    if (!MessageDigest.isEqual( // constant time, so the token cannot be guessed byte by byte
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(ApiResponse.error(401, "a valid 'Authorization: Bearer' token is needed"));
    }
    return Optional.empty();
  }
}
