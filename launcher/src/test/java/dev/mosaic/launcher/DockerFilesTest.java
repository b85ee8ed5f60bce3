package dev.mosaic.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.contract.admin.AdminKeys;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigSections;
import dev.mosaic.contract.service.ServiceDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of {@code docker/} without a Docker engine: the files parse, every mosaic
 * service in the compose file has a Dockerfile that builds in stages and runs as a non-root user,
 * every {@code MOSAIC_*} variable is a real config key, published and exposed ports are the ports
 * the services listen on, and the Grafana dashboard asks for series mosaic sends.
 */
class DockerFilesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOCKER = ROOT.resolve("docker");
  // Read by logback.xml or ConfigLoader itself, not config keys.
  private static final Set<String> NOT_KEYS =
      Set.of("MOSAIC_LOG_FORMAT", "MOSAIC_LOG_LEVEL", "MOSAIC_CONFIG");

  private final Map<String, ConfigKey<?>> keysByVariable = new HashMap<>();

  DockerFilesTest() {
    MosaicStack.allKeys().forEach(key -> keysByVariable.put(key.environmentVariable(), key));
  }

  @Test
  void everyMosaicServiceInComposeHasADockerfileAndEveryServiceIsInCompose() {
    Map<String, Map<String, Object>> mosaic = mosaicServices();

    assertThat(mosaic.keySet()).containsExactlyInAnyOrderElementsOf(ConfigSections.SERVICES);
    for (Map.Entry<String, Map<String, Object>> service : mosaic.entrySet()) {
      Path dockerfile = dockerfileOf(service.getValue());
      assertThat(dockerfile).as(service.getKey()).exists();
      assertThat(dockerfile).isEqualTo(DOCKER.resolve(service.getKey()).resolve("Dockerfile"));
    }
  }

  @Test
  void dockerfilesBuildInStagesRunAsANonRootUserAndStartTheirServicesMain() throws Exception {
    for (ServiceDefinition definition : MosaicStack.SERVICES) {
      String section = definition.section();
      List<String> lines = Files.readAllLines(DOCKER.resolve(section).resolve("Dockerfile"));

      assertThat(lines.stream().filter(line -> line.startsWith("FROM ")).count())
          .as(section + ": multi-stage")
          .isGreaterThanOrEqualTo(2);
      List<String> users =
          lines.stream()
              .filter(line -> line.startsWith("USER "))
              .map(l -> l.substring(5).trim())
              .toList();
      assertThat(users).as(section + ": USER").isNotEmpty();
      assertThat(users.get(users.size() - 1)).isNotIn("root", "0");
      assertThat(String.join("\n", lines)).contains("HEALTHCHECK").contains("/health");

      String entrypoint =
          lines.stream().filter(line -> line.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
      Matcher main = Pattern.compile("\"(dev\\.mosaic\\.[\\w.]+)\"").matcher(entrypoint);
      assertThat(main.find()).as(section + ": ENTRYPOINT names a main class").isTrue();
      Object started = Class.forName(main.group(1)).getField("DEFINITION").get(null);
      assertThat(((ServiceDefinition) started).section()).isEqualTo(section);
    }
  }

  @Test
  void everyMosaicEnvironmentVariableIsAConfigKey() throws IOException {
    List<String> variables = new ArrayList<>();
    mosaicServices().values().forEach(service -> variables.addAll(environment(service).keySet()));
    for (ServiceDefinition definition : MosaicStack.SERVICES) {
      variables.addAll(dockerfileEnvironment(definition.section()).keySet());
    }

    assertThat(variables).isNotEmpty();
    assertThat(variables)
        .filteredOn(v -> v.startsWith("MOSAIC_") && !NOT_KEYS.contains(v))
        .allSatisfy(v -> assertThat(keysByVariable).as("config key for " + v).containsKey(v));
  }

  @Test
  void publishedAndExposedPortsAreThePortsTheServicesListenOn() throws IOException {
    for (Map.Entry<String, Map<String, Object>> service : mosaicServices().entrySet()) {
      String section = service.getKey();
      Map<String, String> env = new HashMap<>(dockerfileEnvironment(section));
      env.putAll(environment(service.getValue()));
      Set<Integer> listening = listeningPorts(section, env);

      @SuppressWarnings("unchecked")
      List<Object> ports = (List<Object>) service.getValue().getOrDefault("ports", List.of());
      for (Object port : ports) {
        String container = port.toString().replaceAll("/(udp|tcp)$", "");
        container = container.substring(container.lastIndexOf(':') + 1);
        assertThat(listening)
            .as(section + " publishes " + port)
            .contains(Integer.parseInt(container));
      }
      for (String exposed : exposedPorts(section)) {
        assertThat(listening)
            .as(section + " EXPOSE " + exposed)
            .contains(Integer.parseInt(exposed.replaceAll("/(udp|tcp)$", "")));
      }
    }
  }

  @Test
  void composeKafkaIsTheVersionTheClientsAreBuiltWith() throws IOException {
    String image = (String) services().get("kafka").get("image");
    java.util.Properties clients = new java.util.Properties();
    try (var in = getClass().getResourceAsStream("/kafka/kafka-version.properties")) {
      clients.load(in);
    }

    assertThat(image).isEqualTo("apache/kafka:" + clients.getProperty("version"));
    @SuppressWarnings("unchecked")
    Map<String, Object> env = (Map<String, Object>) services().get("kafka").get("environment");
    assertThat(env.get("KAFKA_PROCESS_ROLES"))
        .as("KRaft, no ZooKeeper")
        .isEqualTo("broker,controller");
  }

  @Test
  void grafanaDashboardParsesAndAsksForSeriesMosaicSends() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/mosaic.json").toFile());
    List<String> targets = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> targets.add(t.path("target").asText())));
    assertThat(targets).isNotEmpty();

    Map<String, String> sources = moduleSources();
    Pattern series =
        Pattern.compile("stats(?:\\.gauges|\\.timers)?\\.mosaic\\.([a-z*-]+)\\.([\\w.*-]+)");
    for (String target : targets) {
      Matcher m = series.matcher(target);
      assertThat(m.find()).as("a mosaic series in " + target).isTrue();
      String service = m.group(1);
      if (service.equals("*")) {
        // JVM and Kafka client meters: named by Micrometer's binders, not by mosaic's code.
        assertThat(m.group(2)).matches("(jvm|kafka)\\..*");
        continue;
      }
      assertThat(ConfigSections.SERVICES).contains(service);
      // Best effort: the first segment of the meter name is in a literal of the service's code.
      String first = m.group(2).split("\\.")[0];
      if (!first.equals("*")) {
        assertThat(sources.get(service)).as(target).contains("\"mosaic." + service + "." + first);
      }
    }
  }

  @Test
  void selfChecksArePlainCheckFiles() {
    Map<String, Object> checks = yaml(DOCKER.resolve("checks/mosaic-self.yaml"));

    assertThat((List<?>) checks.get("checks")).isNotEmpty();
  }

  private static Map<String, Map<String, Object>> services() {
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) yaml(DOCKER.resolve("compose.yml")).get("services");
    return services;
  }

  /** The compose services built from this repository. */
  private static Map<String, Map<String, Object>> mosaicServices() {
    return services().entrySet().stream()
        .filter(e -> e.getValue().containsKey("build"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static Path dockerfileOf(Map<String, Object> service) {
    @SuppressWarnings("unchecked")
    Map<String, Object> build = (Map<String, Object>) service.get("build");
    return DOCKER
        .resolve((String) build.get("context"))
        .resolve((String) build.get("dockerfile"))
        .normalize();
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    @SuppressWarnings("unchecked")
    Map<String, Object> env = (Map<String, Object>) service.getOrDefault("environment", Map.of());
    Map<String, String> text = new HashMap<>();
    env.forEach((k, v) -> text.put(k, String.valueOf(v)));
    return text;
  }

  /** {@code ENV A=1 \ B=2} lines of a Dockerfile. */
  private static Map<String, String> dockerfileEnvironment(String section) throws IOException {
    String text =
        Files.readString(DOCKER.resolve(section).resolve("Dockerfile")).replace("\\\n", " ");
    Map<String, String> env = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("ENV ")) {
        for (String pair : line.substring(4).trim().split("\\s+")) {
          String[] kv = pair.split("=", 2);
          env.put(kv[0], kv[1]);
        }
      }
    }
    return env;
  }

  private static List<String> exposedPorts(String section) throws IOException {
    List<String> ports = new ArrayList<>();
    for (String line : Files.readAllLines(DOCKER.resolve(section).resolve("Dockerfile"))) {
      if (line.startsWith("EXPOSE ")) {
        ports.addAll(List.of(line.substring(7).trim().split("\\s+")));
      }
    }
    return ports;
  }

  /** Every port key of the service and admin.port, each as the container's environment sets it. */
  private Set<Integer> listeningPorts(String section, Map<String, String> env) {
    Set<Integer> ports = new TreeSet<>();
    for (ConfigKey<?> key : MosaicStack.allKeys()) {
      boolean ours = key.name().startsWith(section + ".") || key == AdminKeys.PORT;
      if (ours && key.name().endsWith("port") && !key.name().startsWith("kafka.")) {
        String text = env.getOrDefault(key.environmentVariable(), key.defaultText());
        ports.add((Integer) key.parse(text));
      }
    }
    return ports;
  }

  private static Map<String, String> moduleSources() throws IOException {
    Map<String, String> sources = new HashMap<>();
    for (String service : ConfigSections.SERVICES) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
        sources.put(
            service,
            files
                .filter(f -> f.toString().endsWith(".java"))
                .map(DockerFilesTest::read)
                .collect(Collectors.joining("\n")));
      }
    }
    return sources;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> yaml(Path file) {
    try {
      // SnakeYAML rather than Jackson: compose files share settings with merge keys (<<: *anchor).
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
