package dev.mosaic.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft: broker and controller in one process) inside this JVM, bound
 * to 127.0.0.1 only.
 *
 * <pre>
 *   launcher (kafka.bootstrap-servers empty) → EmbeddedKafkaBroker ← every service's clients
 * </pre>
 *
 * <p>The log directory is formatted on first use and reused afterwards, so records that were in
 * flight when the process stopped are still there when it starts again. Ports given as 0 are chosen
 * from the free ones; a port taken between choosing and binding is retried with new ports.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String HOST = "127.0.0.1";
  private static final int BIND_ATTEMPTS = 5;

  private final KafkaRaftServer server;
  private final int port;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Formats {@code dataDir} if it holds no broker yet, starts the broker and waits until it
   * answers.
   *
   * @param port client port, 0 for any free one
   * @param controllerPort KRaft controller port, 0 for any free one
   * @throws IllegalStateException if the broker cannot be started
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
      int clientPort = port == 0 ? freePort() : port;
      int quorumPort = controllerPort == 0 ? freePort() : controllerPort;
      try {
        return startOnce(dataDir, clientPort, quorumPort);
      } catch (RuntimeException e) {
        last = e;
        if (port != 0 && controllerPort != 0) {
          break; // fixed ports: retrying cannot help
        }
        log.warn("embedded broker did not start on ports {}/{}; retrying", clientPort, quorumPort);
      }
    }
    throw new IllegalStateException("cannot start the embedded Kafka broker in " + dataDir, last);
  }

  private static EmbeddedKafkaBroker startOnce(Path dataDir, int port, int controllerPort) {
    Path logDir = dataDir.toAbsolutePath();
    Properties props = brokerProperties(logDir, port, controllerPort);
    formatIfNew(logDir, props);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    try {
      server.startup();
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, port);
      broker.awaitReady();
      log.info("embedded Kafka broker ready at {} (data in {})", broker.bootstrapServers(), logDir);
      return broker;
    } catch (RuntimeException e) {
      shutdown(server);
      throw e;
    }
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** Stops the broker; its data stays on disk. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      shutdown(server);
    }
  }

  private static void shutdown(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("error while stopping the embedded broker", e);
    }
  }

  private void awaitReady() {
    Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("embedded broker did not answer within 30 s", e);
    }
  }

  private static Properties brokerProperties(Path logDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // One node: every internal topic has one replica, and few partitions keep start-up quick.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "4");
    return p;
  }

  private static void formatIfNew(Path logDir, Properties props) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      Path config = Files.createTempFile("mosaic-kafka", ".properties");
      try {
        try (OutputStream out = Files.newOutputStream(config)) {
          props.store(out, "mosaic embedded broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        int rc;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
          rc =
              StorageTool.execute(
                  new String[] {"format", "-t", clusterId, "-c", config.toString()}, print);
        }
        if (rc != 0) {
          throw new IllegalStateException(
              "formatting " + logDir + " failed: " + output.toString(StandardCharsets.UTF_8));
        }
      } finally {
        Files.deleteIfExists(config);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + logDir, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }
}
