package dev.mosaic.notifier.route;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes file on disk, read again every reload interval of the service clock; a broken version
 * is rejected and the last good {@link Routing} keeps running. Not thread-safe: one thread (the
 * notifier's consumer loop) calls it.
 *
 * <pre>
 * notifier.yaml → RoutesFile.reloadIfDue → RoutesFileParser → current() → NotifierService
 * </pre>
 */
public final class RoutesFile {
  private static final Logger log = LoggerFactory.getLogger(RoutesFile.class);

  private final Path path;
  private final RoutesFileParser parser;
  private final Clock clock;
  private final Duration interval;
  private final Runnable onRejected;
  // Read by the HTTP API thread too.
  private volatile Routing current = Routing.EMPTY;
  private String lastText;
  private Instant nextReadAt = Instant.MIN;

  /**
   * @param onRejected called once per rejected version, for the rejection counter
   */
  public RoutesFile(
      Path path, RoutesFileParser parser, Clock clock, Duration interval, Runnable onRejected) {
    this.path = Objects.requireNonNull(path);
    this.parser = Objects.requireNonNull(parser);
    this.clock = Objects.requireNonNull(clock);
    this.interval = Objects.requireNonNull(interval);
    this.onRejected = Objects.requireNonNull(onRejected);
  }

  /**
   * Reads the file for the first time; a missing file routes nothing.
   *
   * @throws RoutesFileException if the file is broken, so that start-up stops on it
   */
  public void load() throws RoutesFileException {
    nextReadAt = clock.instant().plus(interval);
    String text = read();
    lastText = text;
    if (text == null) {
      log.info("routes file {} does not exist: no incident is routed until it does", path);
      current = Routing.EMPTY;
      return;
    }
    current = parser.parse(path.toString(), text);
    log.info("routes file {} loaded: {} receivers", path, current.receivers().size());
  }

  /** Reads the file again if the interval has passed and it changed; never throws. */
  public void reloadIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(nextReadAt)) {
      return;
    }
    nextReadAt = now.plus(interval);
    String text;
    try {
      text = read();
    } catch (RoutesFileException e) {
      log.warn("routes file rejected, the last good version keeps running: {}", e.getMessage());
      return;
    }
    if (Objects.equals(text, lastText)) {
      return;
    }
    lastText = text;
    if (text == null) {
      log.warn("routes file {} was removed: no incident is routed until it is back", path);
      current = Routing.EMPTY;
      return;
    }
    try {
      current = parser.parse(path.toString(), text);
      log.info("routes file {} reloaded: {} receivers", path, current.receivers().size());
    } catch (RoutesFileException e) {
      onRejected.run();
      log.warn("routes file rejected, the last good version keeps running: {}", e.getMessage());
    }
  }

  public Routing current() {
    return current;
  }

  /** The file's text, or null when it does not exist. */
  private String read() throws RoutesFileException {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new RoutesFileException(path.toString(), 1, "cannot read: " + e);
    }
  }
}
