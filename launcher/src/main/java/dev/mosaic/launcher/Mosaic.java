package dev.mosaic.launcher;

import dev.mosaic.contract.admin.ProcessAdmin;
import dev.mosaic.contract.config.ConfigException;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.ServiceRunner;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mosaic up [--<key>=<value> ...]}: runs the whole pipeline in this JVM until SIGTERM or
 * Ctrl-C.
 */
public final class Mosaic {
  private static final Logger log = LoggerFactory.getLogger(Mosaic.class);

  private Mosaic() {}

  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("up")) {
      System.err.println(
          """
          usage: mosaic up [--config=<file.yaml>] [--<key>=<value> ...]

          Runs collector, aggregator, storage bridge, state engine and notifier in one JVM,
          with an embedded Kafka broker unless kafka.bootstrap-servers is set.
          Every key is listed with its default in docs/configuration.md; a key can also be set
          with the environment variable MOSAIC_<KEY> (upper case, dots and dashes as underscores).""");
      System.exit(args.length == 0 ? 0 : ServiceRunner.EXIT_CONFIG_ERROR);
    }
    List<String> options = Arrays.asList(args).subList(1, args.length);
    MosaicConfig config;
    try {
      config = new ConfigLoader(MosaicStack.allKeys(), Set.of()).load(options, System.getenv());
    } catch (ConfigException e) {
      ServiceRunner.exitOnConfigError("up", e);
      return;
    }
    ServiceRunner.logConfig("mosaic", config);
    ProcessAdmin admin = ProcessAdmin.create("stack", config);
    MosaicStack stack;
    try {
      stack = MosaicStack.start(config, admin.meters(), Clock.systemUTC());
      try {
        admin.serve(stack.bootstrapServers(), stack::services);
      } catch (RuntimeException e) {
        stack.close();
        throw e;
      }
    } catch (ConfigException e) {
      ServiceRunner.exitOnConfigError("up", e);
      return;
    } catch (Exception e) {
      log.error("mosaic could not start", e);
      System.exit(1);
      return;
    }
    log.info("mosaic is up; Kafka at {}. Ctrl-C stops it.", stack.bootstrapServers());
    ServiceRunner.runUntilStopped(
        () -> {
          admin.stopServing(); // before the embedded broker goes, which the probe asks
          stack.close(); // the services flush before the last self-metrics are sent
          admin.close();
        },
        stack::failure);
  }
}
