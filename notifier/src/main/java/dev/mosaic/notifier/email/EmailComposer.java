package dev.mosaic.notifier.email;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.notifier.webhook.GroupedEvents;
import dev.mosaic.notifier.webhook.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the subject and plain-text body of an incident email; the format is documented in {@code
 * docs/notifier.md}.
 *
 * <pre>
 * IncidentEvent | escalation | GroupedEvents → EmailComposer → EmailMessage → SmtpEmailSender
 * </pre>
 */
public final class EmailComposer {
  /** Incidents listed in one group email; the rest are counted. */
  static final int MAX_GROUP_INCIDENTS = 100;

  private final String incidentUrlTemplate;

  /**
   * @param incidentUrlTemplate link to an incident, {@code {id}} replaced by its id; empty for none
   */
  public EmailComposer(String incidentUrlTemplate) {
    this.incidentUrlTemplate = incidentUrlTemplate;
  }

  public EmailMessage event(IncidentEvent event) {
    return new EmailMessage(
        "[mosaic] " + title(event), details(event), Notification.idempotencyKey(event));
  }

  public EmailMessage escalation(IncidentEvent event, int level) {
    return new EmailMessage(
        "[mosaic] NOT ACKNOWLEDGED (level " + level + ") " + title(event),
        "Nobody acknowledged this incident; you are escalation level "
            + level
            + ".\n\n"
            + details(event),
        Notification.escalationKey(event, level));
  }

  public EmailMessage group(GroupedEvents group) {
    long open = group.openCount();
    long resolved = group.events().size() - open;
    StringBuilder counts = new StringBuilder("[");
    if (open > 0) {
      counts.append("FIRING:").append(open);
    }
    if (resolved > 0) {
      counts.append(open > 0 ? ", " : "").append("RESOLVED:").append(resolved);
    }
    counts.append("] ").append(labels(group.labels()));
    StringBuilder body = new StringBuilder(counts).append("\n\n");
    List<IncidentEvent> events = group.events();
    for (int i = 0; i < events.size() && i < MAX_GROUP_INCIDENTS; i++) {
      body.append("- ").append(title(events.get(i)));
      String description = events.get(i).incident().description();
      if (description != null && !description.isEmpty()) {
        body.append(": ").append(description);
      }
      body.append('\n');
    }
    if (events.size() > MAX_GROUP_INCIDENTS) {
      body.append("… and ").append(events.size() - MAX_GROUP_INCIDENTS).append(" more\n");
    }
    body.append("\nIdempotency-Key: ").append(group.idempotencyKey()).append('\n');
    return new EmailMessage("[mosaic] " + counts, body.toString(), group.idempotencyKey());
  }

  /** {@code OPENED CRITICAL api-latency on stats.api.upper_90}. */
  private static String title(IncidentEvent event) {
    Incident incident = event.incident();
    return event.kind().name().replace('_', ' ')
        + " "
        + incident.state()
        + " "
        + incident.check()
        + " on "
        + incident.series();
  }

  private String details(IncidentEvent event) {
    Incident incident = event.incident();
    StringBuilder body = new StringBuilder();
    body.append(event.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .append(": ")
        .append(incident.check())
        .append(" on ")
        .append(incident.series())
        .append(" is ")
        .append(incident.state())
        .append('\n');
    if (incident.description() != null && !incident.description().isEmpty()) {
      body.append(incident.description()).append('\n');
    }
    body.append('\n');
    body.append("Severity: ").append(incident.severity()).append('\n');
    body.append("Trigger value: ")
        .append(incident.triggerValue() == null ? "none (missing data)" : incident.triggerValue())
        .append('\n');
    body.append("Opened: ").append(Instant.ofEpochMilli(incident.openedAtMillis())).append('\n');
    if (incident.resolvedAtMillis() != null) {
      body.append("Resolved: ")
          .append(Instant.ofEpochMilli(incident.resolvedAtMillis()))
          .append('\n');
    }
    body.append("Acknowledged: ").append(incident.acknowledged() ? "yes" : "no").append('\n');
    if (!incident.labels().isEmpty()) {
      body.append("Labels: ").append(labels(incident.labels())).append('\n');
    }
    if (!incidentUrlTemplate.isEmpty()) {
      body.append("Incident: ")
          .append(incidentUrlTemplate.replace("{id}", incident.id()))
          .append('\n');
    }
    body.append("Incident id: ").append(incident.id()).append('\n');
    return body.toString();
  }

  private static String labels(Map<String, String> labels) {
    return new TreeMap<>(labels)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
  }
}
