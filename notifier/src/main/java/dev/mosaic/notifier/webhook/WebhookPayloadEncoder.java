package dev.mosaic.notifier.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentTransition;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes an incident event as the generic webhook's JSON body (format in {@code docs/notifier.md},
 * {@code "version": 1}); fields always appear in the same order.
 *
 * <pre>
 * IncidentEvent → WebhookPayloadEncoder → Notification → WebhookDeliverer
 * </pre>
 */
public final class WebhookPayloadEncoder {
  public static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String incidentUrlTemplate;

  /**
   * @param incidentUrlTemplate link to an incident, {@code {id}} replaced by its id; empty for no
   *     link
   */
  public WebhookPayloadEncoder(String incidentUrlTemplate) {
    this.incidentUrlTemplate = incidentUrlTemplate;
  }

  public Notification encode(IncidentEvent event) {
    return encode(event, Notification.idempotencyKey(event), 0);
  }

  /**
   * The body of an escalation: the incident's latest event, with {@code escalation_level} after the
   * key.
   */
  public Notification encodeEscalation(IncidentEvent event, int level) {
    return encode(event, Notification.escalationKey(event, level), level);
  }

  private Notification encode(IncidentEvent event, String key, int escalationLevel) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("idempotency_key", key);
    if (escalationLevel > 0) {
      root.put("escalation_level", escalationLevel);
    }
    putEvent(root, event);
    return notification(event.incident().id(), key, root);
  }

  /**
   * A group's body: its key and labels, {@code firing} or {@code resolved}, and every incident's
   * latest event with the same fields as a single event's body.
   */
  public Notification encodeGroup(GroupedEvents group) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("idempotency_key", group.idempotencyKey());
    ObjectNode about = root.putObject("group");
    about.put("key", group.groupKey());
    ObjectNode labels = about.putObject("labels");
    new TreeMap<>(group.labels()).forEach(labels::put);
    root.put("status", group.status());
    root.put("at_millis", group.atMillis());
    ArrayNode incidents = root.putArray("incidents");
    for (IncidentEvent event : group.events()) {
      putEvent(incidents.addObject(), event);
    }
    return notification(group.groupKey(), group.idempotencyKey(), root);
  }

  static Notification notification(String incidentId, String key, ObjectNode root) {
    try {
      return new Notification(incidentId, key, JSON.writeValueAsBytes(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always encodes", e);
    }
  }

  /** Puts one event's fields, from {@code event} to {@code links}, into {@code root}. */
  void putEvent(ObjectNode root, IncidentEvent event) {
    Incident incident = event.incident();
    root.put("event", lower(event.kind()));
    root.put("at_millis", event.atMillis());
    root.put("pages", event.pages());

    ObjectNode body = root.putObject("incident");
    body.put("id", incident.id());
    body.put("check", incident.check());
    body.put("series", incident.series());
    body.put("state", lower(incident.state()));
    body.put("severity", incident.severity());
    body.put("description", incident.description());
    body.put("opened_at_millis", incident.openedAtMillis());
    body.put("resolved_at_millis", incident.resolvedAtMillis());
    body.put("acknowledged", incident.acknowledged());
    body.put("flapping", incident.flapping());

    ObjectNode labels = root.putObject("labels");
    new TreeMap<>(incident.labels()).forEach(labels::put);

    ObjectNode values = root.putObject("values");
    values.put("trigger", incident.triggerValue());
    ArrayNode history = values.putArray("history");
    for (IncidentTransition transition : incident.history()) {
      ObjectNode item = history.addObject();
      item.put("at_millis", transition.atMillis());
      item.put("from", lower(transition.from()));
      item.put("to", lower(transition.to()));
      item.put("value", transition.value());
    }

    ObjectNode links = root.putObject("links");
    if (!incidentUrlTemplate.isEmpty()) {
      links.put("incident", incidentUrlTemplate.replace("{id}", incident.id()));
    }
    for (Map.Entry<String, String> label : new TreeMap<>(incident.labels()).entrySet()) {
      if (label.getValue().startsWith("http://") || label.getValue().startsWith("https://")) {
        links.put(label.getKey(), label.getValue());
      }
    }
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
