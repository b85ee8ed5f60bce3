package dev.mosaic.notifier.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.SeriesState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Encodes an incident event as a PagerDuty Events API v2 event: {@code trigger} while the incident
 * is open, {@code acknowledge} and {@code resolve} as it is acknowledged and resolved, all with
 * {@code dedup_key} = incident id so PagerDuty keeps one alert per incident.
 *
 * <pre>
 * IncidentEvent → PagerDutyEventEncoder → body → WebhookDeliverer → events.pagerduty.com/v2/enqueue
 * </pre>
 */
public final class PagerDutyEventEncoder {
  /** PagerDuty refuses a longer summary. */
  static final int MAX_SUMMARY = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String incidentUrlTemplate;

  public PagerDutyEventEncoder(String incidentUrlTemplate) {
    this.incidentUrlTemplate = incidentUrlTemplate;
  }

  /**
   * @return empty for the kinds PagerDuty has no action for (silenced, flapping stopped)
   */
  public Optional<byte[]> encode(IncidentEvent event, String routingKey) {
    Optional<String> action = action(event.kind());
    if (action.isEmpty()) {
      return Optional.empty();
    }
    Incident incident = event.incident();
    ObjectNode root = JSON.createObjectNode();
    root.put("routing_key", routingKey);
    root.put("event_action", action.get());
    root.put("dedup_key", incident.id());
    if (action.get().equals("trigger")) {
      ObjectNode payload = root.putObject("payload");
      String summary = incident.check() + " " + incident.state() + ": " + incident.description();
      payload.put(
          "summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY));
      payload.put("source", incident.series());
      payload.put("severity", severity(incident));
      payload.put("timestamp", Instant.ofEpochMilli(event.atMillis()).toString());
      payload.put("component", incident.check());
      ObjectNode details = payload.putObject("custom_details");
      details.put("state", incident.state().name());
      details.put("severity", incident.severity());
      details.put("trigger_value", incident.triggerValue());
      new TreeMap<>(incident.labels()).forEach(details::put);
      if (!incidentUrlTemplate.isEmpty()) {
        root.putArray("links")
            .addObject()
            .put("href", incidentUrlTemplate.replace("{id}", incident.id()))
            .put("text", "mosaic incident");
      }
    }
    return Optional.of(root.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A group as one PagerDuty alert, {@code dedup_key} = the group key: {@code resolve} once no
   * incident is open, {@code acknowledge} when every open one is acknowledged, else {@code trigger}
   * with the worst state's severity and the incident ids in {@code custom_details}.
   */
  public byte[] encodeGroup(GroupedEvents group, String routingKey) {
    List<Incident> open =
        group.events().stream().map(IncidentEvent::incident).filter(Incident::isOpen).toList();
    ObjectNode root = JSON.createObjectNode();
    root.put("routing_key", routingKey);
    String action =
        open.isEmpty()
            ? "resolve"
            : open.stream().allMatch(Incident::acknowledged) ? "acknowledge" : "trigger";
    root.put("event_action", action);
    root.put("dedup_key", group.groupKey());
    if (action.equals("trigger")) {
      Incident worst =
          open.stream().max(Comparator.comparingInt(i -> rank(i.state()))).orElseThrow();
      String labels =
          new TreeMap<>(group.labels())
              .entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(" "));
      String summary =
          open.size() + " open incidents: " + labels + "; worst: " + worst.description();
      ObjectNode payload = root.putObject("payload");
      payload.put(
          "summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY));
      payload.put("source", worst.series());
      payload.put("severity", severity(worst));
      payload.put("timestamp", Instant.ofEpochMilli(group.atMillis()).toString());
      payload.put("component", worst.check());
      ObjectNode details = payload.putObject("custom_details");
      new TreeMap<>(group.labels()).forEach(details::put);
      details.put("open", open.size());
      ArrayNode ids = details.putArray("incidents");
      group.events().forEach(e -> ids.add(e.incident().id()));
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int rank(SeriesState state) {
    return switch (state) {
      case OK -> 0;
      case UNKNOWN -> 1;
      case WARNING -> 2;
      case CRITICAL -> 3;
    };
  }

  private static Optional<String> action(IncidentEvent.Kind kind) {
    return switch (kind) {
      case OPENED, ESCALATED, CHANGED, FLAPPING_STARTED -> Optional.of("trigger");
      case ACKNOWLEDGED -> Optional.of("acknowledge");
      case RESOLVED -> Optional.of("resolve");
      case SILENCED, FLAPPING_STOPPED -> Optional.empty();
    };
  }

  /** PagerDuty's four severities; missing data is an error of the monitoring, not of the thing. */
  private static String severity(Incident incident) {
    return switch (incident.state()) {
      case CRITICAL -> "critical";
      case WARNING -> "warning";
      case UNKNOWN -> "error";
      case OK -> "info";
    };
  }
}
