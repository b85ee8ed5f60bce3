package dev.mosaic.notifier;

import dev.mosaic.contract.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The {@code notifier.*} configuration keys. */
public final class NotifierKeys {
  private NotifierKeys() {}

  public static final ConfigKey<String> ROUTES_FILE =
      ConfigKey.string(
          "notifier.routes-file",
          "notifier.yaml",
          "YAML file of receivers and routes; a missing file routes nothing (logged).");
  public static final ConfigKey<Duration> ROUTES_RELOAD_INTERVAL =
      ConfigKey.duration(
          "notifier.routes-reload-interval",
          "5s",
          "How often the routes file is read again; a broken version is rejected and the last good"
              + " one keeps running.");
  public static final ConfigKey<String> CONSUMER_GROUP =
      ConfigKey.string(
          "notifier.consumer-group",
          "mosaic-notifier",
          "Kafka consumer group of the notifiers on the incidents topic; its committed offsets are"
              + " the pending notifications.");
  public static final ConfigKey<Duration> REQUEST_TIMEOUT =
      ConfigKey.duration(
          "notifier.delivery.request-timeout",
          "10s",
          "How long one webhook request may take before it counts as failed and is retried.");
  public static final ConfigKey<Duration> INITIAL_BACKOFF =
      ConfigKey.duration(
          "notifier.delivery.initial-backoff",
          "1s",
          "Base wait before the first retry; it doubles per retry, with up to half taken off at"
              + " random.");
  public static final ConfigKey<Duration> MAX_BACKOFF =
      ConfigKey.duration(
          "notifier.delivery.max-backoff",
          "5m",
          "The most the base wait between retries grows to.");
  public static final ConfigKey<Integer> MAX_ATTEMPTS =
      ConfigKey.integer(
          "notifier.delivery.max-attempts",
          "30",
          1,
          1_000_000,
          "Attempts per notification and receiver, the first included, before it is given up.");
  public static final ConfigKey<String> HTTP_BIND =
      ConfigKey.string("notifier.http.bind", "127.0.0.1", "Address the HTTP API listens on.");
  public static final ConfigKey<Integer> HTTP_PORT =
      ConfigKey.port("notifier.http.port", "8082", "Port of the HTTP API; 0 for any free one.");
  public static final ConfigKey<Integer> DELIVERY_LOG_SIZE =
      ConfigKey.integer(
          "notifier.delivery-log-size",
          "10000",
          1,
          10_000_000,
          "Latest deliveries kept for GET /notifications, in memory and in the notifier-state"
              + " topic; the oldest is dropped first.");
  public static final ConfigKey<String> INCIDENT_URL =
      ConfigKey.string(
          "notifier.incident-url",
          "",
          "Link to an incident put in every payload, {id} replaced by its id; empty for none.");

  public static final List<ConfigKey<?>> ALL =
      List.of(
          ROUTES_FILE,
          ROUTES_RELOAD_INTERVAL,
          CONSUMER_GROUP,
          REQUEST_TIMEOUT,
          INITIAL_BACKOFF,
          MAX_BACKOFF,
          MAX_ATTEMPTS,
          HTTP_BIND,
          HTTP_PORT,
          DELIVERY_LOG_SIZE,
          INCIDENT_URL);
}
