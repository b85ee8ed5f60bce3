package dev.mosaic.notifier.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Encodes an incident event as a Slack incoming-webhook message: one {@code text} line, Slack's
 * mrkdwn, with a link to the incident when a URL template is set.
 *
 * <pre>
 * IncidentEvent → SlackMessageEncoder → body → WebhookDeliverer → Slack
 * </pre>
 */
public final class SlackMessageEncoder {
  /** Lines of a group's message; a long Slack message is cut by Slack, not readable anyway. */
  static final int MAX_GROUP_LINES = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String incidentUrlTemplate;

  public SlackMessageEncoder(String incidentUrlTemplate) {
    this.incidentUrlTemplate = incidentUrlTemplate;
  }

  public byte[] encode(IncidentEvent event) {
    return message(line(event));
  }

  /** An escalation: the event's line, prefixed with its level. */
  public byte[] encodeEscalation(IncidentEvent event, int level) {
    return message("*not acknowledged, escalation level " + level + "* " + line(event));
  }

  /**
   * A group: a header with the open and resolved counts and the group-by values, then one line per
   * incident, at most {@value #MAX_GROUP_LINES}.
   */
  public byte[] encodeGroup(GroupedEvents group) {
    long open = group.openCount();
    long resolved = group.events().size() - open;
    StringBuilder text = new StringBuilder("*[");
    if (open > 0) {
      text.append("FIRING:").append(open);
    }
    if (resolved > 0) {
      text.append(open > 0 ? ", " : "").append("RESOLVED:").append(resolved);
    }
    text.append("]* ");
    text.append(
        escape(
            group.labels().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "))));
    List<IncidentEvent> events = group.events();
    for (int i = 0; i < events.size() && i < MAX_GROUP_LINES; i++) {
      text.append('\n').append(line(events.get(i)));
    }
    if (events.size() > MAX_GROUP_LINES) {
      text.append("\n… and ").append(events.size() - MAX_GROUP_LINES).append(" more");
    }
    return message(text.toString());
  }

  private byte[] message(String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", text);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One incident event as one mrkdwn line. */
  String line(IncidentEvent event) {
    Incident incident = event.incident();
    StringBuilder text =
        new StringBuilder()
            .append('*')
            .append(event.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .append("* [")
            .append(incident.state())
            .append("] ")
            .append(escape(incident.check()))
            .append(" on `")
            .append(escape(incident.series()))
            .append("`: ")
            .append(escape(String.valueOf(incident.description())));
    if (!incidentUrlTemplate.isEmpty()) {
      text.append(" <")
          .append(incidentUrlTemplate.replace("{id}", incident.id()))
          .append("|incident>");
    }
    return text.toString();
  }

  /** Slack reads these three as markup; its documentation asks for exactly these escapes. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
