package dev.mosaic.notifier.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEventSerde;
import dev.mosaic.notifier.escalation.PendingEscalation;
import dev.mosaic.notifier.group.Grouping;
import dev.mosaic.notifier.group.NotificationGroup;
import dev.mosaic.notifier.http.DeliveryLog;
import dev.mosaic.notifier.webhook.DeliveryOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys and JSON values of the notifier-state topic. A key is the JSON array {@code [<consumer
 * group>, <kind>, <id>]}, so that notifiers of different groups sharing a prefix never overwrite
 * each other; kinds are {@code escalation} (by incident id), {@code group} (by group key) and
 * {@code deliveries} (by incident id). Values carry {@code "version": 1}; events inside them are
 * the incidents topic's own JSON.
 *
 * <pre>
 * PendingEscalation, NotificationGroup, delivery entries ⇄ StateCodec ⇄ notifier-state records
 * </pre>
 */
public final class StateCodec {
  public static final String ESCALATION = "escalation";
  public static final String GROUP = "group";
  public static final String DELIVERIES = "deliveries";
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A decoded key. */
  public record Key(String consumerGroup, String kind, String id) {}

  private StateCodec() {}

  public static String key(String consumerGroup, String kind, String id) {
    return JSON.createArrayNode().add(consumerGroup).add(kind).add(id).toString();
  }

  /**
   * @throws IllegalArgumentException if the text is not such a key
   */
  public static Key parseKey(String text) {
    JsonNode node = read(text.getBytes(StandardCharsets.UTF_8));
    if (!node.isArray() || node.size() != 3) {
      throw new IllegalArgumentException("not a notifier-state key: " + text);
    }
    return new Key(node.get(0).asText(), node.get(1).asText(), node.get(2).asText());
  }

  public static byte[] encode(PendingEscalation escalation) {
    ObjectNode root = versioned();
    root.put("policy", escalation.policy());
    root.put("level", escalation.level());
    root.put("due_at_millis", escalation.dueAtMillis());
    root.set("event", event(escalation.event()));
    return bytes(root);
  }

  public static PendingEscalation decodeEscalation(byte[] value) {
    JsonNode root = checked(value);
    return new PendingEscalation(
        root.required("policy").asText(),
        root.required("level").asInt(),
        root.required("due_at_millis").asLong(),
        event(root.required("event")));
  }

  public static byte[] encode(NotificationGroup group) {
    ObjectNode root = versioned();
    root.put("key", group.key());
    ArrayNode targets = root.putArray("targets");
    group.targets().forEach(targets::add);
    ObjectNode grouping = root.putObject("grouping");
    ArrayNode by = grouping.putArray("by");
    group.grouping().by().forEach(by::add);
    grouping.put("wait_millis", group.grouping().waitTime().toMillis());
    grouping.put("interval_millis", group.grouping().interval().toMillis());
    grouping.put("repeat_millis", group.grouping().repeat().toMillis());
    ObjectNode labels = root.putObject("labels");
    group.labels().forEach(labels::put);
    ArrayNode events = root.putArray("events");
    group.events().values().forEach(e -> events.add(event(e)));
    root.put("changed", group.changed());
    root.put("next_at_millis", group.nextAtMillis());
    root.put("last_at_millis", group.lastAtMillis());
    root.put("sent", group.sent());
    return bytes(root);
  }

  public static NotificationGroup decodeGroup(byte[] value) {
    JsonNode root = checked(value);
    List<String> targets = new ArrayList<>();
    root.required("targets").forEach(t -> targets.add(t.asText()));
    JsonNode groupingNode = root.required("grouping");
    List<String> by = new ArrayList<>();
    groupingNode.required("by").forEach(b -> by.add(b.asText()));
    Grouping grouping =
        new Grouping(
            by,
            Duration.ofMillis(groupingNode.required("wait_millis").asLong()),
            Duration.ofMillis(groupingNode.required("interval_millis").asLong()),
            Duration.ofMillis(groupingNode.required("repeat_millis").asLong()));
    Map<String, String> labels = new LinkedHashMap<>();
    root.required("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    Map<String, IncidentEvent> events = new LinkedHashMap<>();
    for (JsonNode node : root.required("events")) {
      IncidentEvent event = event(node);
      events.put(event.incident().id(), event);
    }
    return new NotificationGroup(
        root.required("key").asText(),
        targets,
        grouping,
        labels,
        events,
        root.required("changed").asBoolean(),
        root.required("next_at_millis").asLong(),
        root.required("last_at_millis").asLong(),
        root.required("sent").asInt());
  }

  public static byte[] encode(List<DeliveryLog.Entry> entries) {
    ObjectNode root = versioned();
    ArrayNode list = root.putArray("deliveries");
    for (DeliveryLog.Entry entry : entries) {
      list.addObject()
          .put("incident", entry.incidentId())
          .put("receiver", entry.receiver())
          .put("idempotency_key", entry.idempotencyKey())
          .put("outcome", entry.outcome().name())
          .put("attempts", entry.attempts())
          .put("last_status", entry.lastStatus())
          .put("at_millis", entry.atMillis());
    }
    return bytes(root);
  }

  public static List<DeliveryLog.Entry> decodeDeliveries(byte[] value) {
    List<DeliveryLog.Entry> entries = new ArrayList<>();
    for (JsonNode node : checked(value).required("deliveries")) {
      entries.add(
          new DeliveryLog.Entry(
              node.required("incident").asText(),
              node.required("receiver").asText(),
              node.required("idempotency_key").asText(),
              DeliveryOutcome.valueOf(node.required("outcome").asText()),
              node.required("attempts").asInt(),
              node.required("last_status").asInt(),
              node.required("at_millis").asLong()));
    }
    return entries;
  }

  private static ObjectNode versioned() {
    return JSON.createObjectNode().put("version", VERSION);
  }

  private static JsonNode checked(byte[] value) {
    JsonNode root = read(value);
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IllegalArgumentException("unsupported notifier-state version " + version);
    }
    return root;
  }

  private static JsonNode event(IncidentEvent event) {
    return read(IncidentEventSerde.encode(event));
  }

  private static IncidentEvent event(JsonNode node) {
    return IncidentEventSerde.decode(bytes(node));
  }

  private static JsonNode read(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
