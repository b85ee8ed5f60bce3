package dev.mosaic.notifier.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Encodes an incident event as a Slack incoming-webhook message: one {@code text} line, Slack's
 * mrkdwn, with a link to the incident when a URL template is set.
 *
 * <pre>
 * IncidentEvent → SlackMessageEncoder → body → WebhookDeliverer → Slack
 * </pre>
 */
public final class SlackMessageEncoder {
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
