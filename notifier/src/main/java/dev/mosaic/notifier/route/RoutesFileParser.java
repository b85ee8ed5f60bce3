package dev.mosaic.notifier.route;

import dev.mosaic.notifier.email.EmailReceiver;
import dev.mosaic.notifier.escalation.EscalationPolicy;
import dev.mosaic.notifier.group.Grouping;
import dev.mosaic.notifier.ratelimit.RateLimit;
import dev.mosaic.notifier.schedule.Schedule;
import dev.mosaic.notifier.webhook.ReceiverFormat;
import dev.mosaic.notifier.webhook.WebhookReceiver;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns the text of a routes file into a {@link Routing}, rejecting the whole file on the first
 * mistake with its {@code file:line}.
 *
 * <pre>
 * routes file text → LocatedYamlReader → RoutesFileParser → Routing
 * </pre>
 */
public final class RoutesFileParser {
  private static final Set<String> TOP_FIELDS =
      Set.of("receivers", "schedules", "escalations", "routes");
  private static final Set<String> RECEIVER_FIELDS =
      Set.of("name", "type", "url", "secret", "secret-env", "routing-key", "rate-limit");
  private static final String PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
  private static final Set<String> ROUTE_FIELDS =
      Set.of(
          "match",
          "receivers",
          "continue",
          "escalation",
          "group-by",
          "group-wait",
          "group-interval",
          "repeat-interval",
          "routes");
  private static final Set<String> MATCH_FIELDS = Set.of("labels", "check", "severity", "metric");

  private final UnaryOperator<String> environment;

  /**
   * @param environment looks up {@code secret-env} variables; returns null for an unset one
   */
  public RoutesFileParser(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  public Routing parse(String file, String text) throws RoutesFileException {
    YamlNode root = LocatedYamlReader.read(file, text);
    if (!root.isMapping() && !root.isScalar() && !root.isSequence()) {
      return Routing.EMPTY; // an empty file routes nothing
    }
    YamlFields.of(file, root, "the file").allowOnly(TOP_FIELDS);
    Map<String, WebhookReceiver> receivers = new LinkedHashMap<>();
    Map<String, EmailReceiver> emails = new LinkedHashMap<>();
    Map<String, RateLimit> rateLimits = new LinkedHashMap<>();
    Set<String> names = new LinkedHashSet<>();
    for (YamlNode item : sequence(file, root.mapping().get("receivers"), "receivers")) {
      YamlFields fields = YamlFields.of(file, item, "a receiver");
      String name;
      if ("email".equals(fields.optionalText("type"))) {
        EmailReceiver email = EmailReceiverParser.parse(file, item, environment);
        name = email.name();
        emails.put(name, email);
      } else {
        WebhookReceiver receiver = receiver(file, item);
        name = receiver.name();
        receivers.put(name, receiver);
      }
      if (!names.add(name)) {
        throw new RoutesFileException(
            file, item.line(), "receiver '" + name + "' is declared twice");
      }
      RateLimit limit = rateLimit(fields);
      if (limit != null) {
        rateLimits.put(name, limit);
      }
    }
    Map<String, Schedule> schedules =
        SchedulesParser.parse(file, root.mapping().get("schedules"), names);
    Set<String> targets = new LinkedHashSet<>(names);
    schedules.keySet().forEach(name -> targets.add(Routing.ONCALL_PREFIX + name));
    Map<String, EscalationPolicy> escalations =
        EscalationsParser.parse(file, root.mapping().get("escalations"), targets);
    Context context = new Context(file, targets, escalations.keySet());
    List<Route> routes = routes(context, root.mapping().get("routes"), null);
    return new Routing(
        new RouteTree(routes), receivers, emails, schedules, escalations, rateLimits);
  }

  private static RateLimit rateLimit(YamlFields fields) throws RoutesFileException {
    String text = fields.optionalText("rate-limit");
    if (text == null) {
      return null;
    }
    try {
      return RateLimit.parse(text);
    } catch (IllegalArgumentException e) {
      throw fields.error("rate-limit", e.getMessage());
    }
  }

  private WebhookReceiver receiver(String file, YamlNode node) throws RoutesFileException {
    YamlFields fields = YamlFields.of(file, node, "a receiver");
    fields.allowOnly(RECEIVER_FIELDS);
    String name = fields.requiredText("name");
    String type = fields.optionalText("type");
    ReceiverFormat format;
    try {
      format =
          type == null
              ? ReceiverFormat.WEBHOOK
              : ReceiverFormat.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fields.error(
          "type", "type must be webhook, slack, pagerduty or email, not '" + type + "'");
    }
    String routingKey = fields.optionalText("routing-key");
    if ((format == ReceiverFormat.PAGERDUTY) != (routingKey != null && !routingKey.isBlank())) {
      throw new RoutesFileException(
          file,
          node.line(),
          "receiver '" + name + "': routing-key is required for pagerduty, and only for it");
    }
    String urlText = fields.optionalText("url");
    if (urlText == null && format == ReceiverFormat.PAGERDUTY) {
      urlText = PAGERDUTY_URL;
    } else if (urlText == null) {
      urlText = fields.requiredText("url");
    }
    URI url;
    try {
      url = new URI(urlText);
    } catch (URISyntaxException e) {
      throw fields.error("url", "'" + urlText + "' is not a URL: " + e.getReason());
    }
    if (!url.isAbsolute() || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
      throw fields.error("url", "'" + urlText + "' is not an absolute http or https URL");
    }
    String secret = fields.optionalText("secret");
    String secretEnv = fields.optionalText("secret-env");
    if ((secret == null) == (secretEnv == null)) {
      throw new RoutesFileException(
          file, node.line(), "receiver '" + name + "' needs exactly one of secret, secret-env");
    }
    if (secretEnv != null) {
      secret = environment.apply(secretEnv);
      if (secret == null || secret.isEmpty()) {
        throw fields.error("secret-env", "environment variable " + secretEnv + " is not set");
      }
    }
    if (secret.isEmpty()) {
      throw fields.error("secret", "secret is empty");
    }
    return new WebhookReceiver(name, url, secret, format, routingKey == null ? "" : routingKey);
  }

  /** What every route of one file is checked against. */
  private record Context(String file, Set<String> targets, Set<String> escalations) {}

  private List<Route> routes(Context context, YamlNode node, Route parent)
      throws RoutesFileException {
    List<Route> routes = new ArrayList<>();
    for (YamlNode item : sequence(context.file(), node, "routes")) {
      routes.add(route(context, item, parent));
    }
    return routes;
  }

  private Route route(Context context, YamlNode node, Route parent) throws RoutesFileException {
    String file = context.file();
    YamlFields fields = YamlFields.of(file, node, "a route");
    fields.allowOnly(ROUTE_FIELDS);
    YamlNode matchNode = node.mapping().get("match");
    RouteMatch match = matchNode == null ? RouteMatch.ANY : match(file, matchNode);
    List<String> receivers = targets(file, node.mapping().get("receivers"), context.targets());
    String escalation = fields.optionalText("escalation");
    if (escalation != null && !context.escalations().contains(escalation)) {
      throw fields.error("escalation", "no escalation is named '" + escalation + "'");
    }
    if (escalation == null && parent != null) {
      escalation = parent.escalation();
    }
    Grouping grouping = grouping(fields, parent == null ? null : parent.grouping());
    boolean continueMatching = fields.bool("continue");
    // Children are parsed against this route's settings, without its children yet.
    Route settings =
        new Route(node.line(), match, receivers, continueMatching, List.of(), escalation, grouping);
    List<Route> children = routes(context, node.mapping().get("routes"), settings);
    if (receivers.isEmpty() && children.isEmpty()) {
      throw new RoutesFileException(file, node.line(), "a route needs receivers or routes");
    }
    return new Route(
        node.line(), match, receivers, continueMatching, children, escalation, grouping);
  }

  /** The route's own grouping fields over its parent's, each inherited unless given. */
  private static Grouping grouping(YamlFields fields, Grouping inherited)
      throws RoutesFileException {
    YamlNode byNode = fields.node().mapping().get("group-by");
    List<String> by = new ArrayList<>();
    for (YamlNode item : sequence(fields.file(), byNode, "group-by")) {
      if (!item.isScalar() || item.scalar().isBlank()) {
        throw new RoutesFileException(fields.file(), item.line(), "a group-by name must be text");
      }
      by.add(item.scalar());
    }
    Duration wait = fields.duration("group-wait");
    Duration interval = fields.duration("group-interval");
    Duration repeat = fields.duration("repeat-interval");
    if (by.isEmpty() && inherited == null) {
      for (String name : List.of("group-wait", "group-interval", "repeat-interval")) {
        if (fields.node().mapping().containsKey(name)) {
          throw fields.error(name, name + " needs group-by on this route or a parent");
        }
      }
      return null;
    }
    for (String name : List.of("group-interval", "repeat-interval")) {
      Duration value = name.equals("group-interval") ? interval : repeat;
      if (value != null && value.isZero()) {
        throw fields.error(name, name + " must be positive");
      }
    }
    return new Grouping(
        by.isEmpty() ? inherited.by() : by,
        pick(wait, inherited == null ? null : inherited.waitTime(), Grouping.DEFAULT_WAIT),
        pick(interval, inherited == null ? null : inherited.interval(), Grouping.DEFAULT_INTERVAL),
        pick(repeat, inherited == null ? null : inherited.repeat(), Grouping.DEFAULT_REPEAT));
  }

  private static Duration pick(Duration own, Duration inherited, Duration otherwise) {
    return own != null ? own : inherited != null ? inherited : otherwise;
  }

  /** A list of receiver names and {@code oncall:<schedule>} targets, each of which must exist. */
  static List<String> targets(String file, YamlNode node, Set<String> known)
      throws RoutesFileException {
    List<String> targets = new ArrayList<>();
    for (YamlNode item : sequence(file, node, "receivers")) {
      if (!item.isScalar()) {
        throw new RoutesFileException(file, item.line(), "a receiver name must be text");
      }
      if (!known.contains(item.scalar())) {
        throw new RoutesFileException(
            file,
            item.line(),
            item.scalar().startsWith(Routing.ONCALL_PREFIX)
                ? "no schedule is named '"
                    + item.scalar().substring(Routing.ONCALL_PREFIX.length())
                    + "'"
                : "no receiver is named '" + item.scalar() + "'");
      }
      targets.add(item.scalar());
    }
    return targets;
  }

  private static RouteMatch match(String file, YamlNode node) throws RoutesFileException {
    YamlFields fields = YamlFields.of(file, node, "match");
    fields.allowOnly(MATCH_FIELDS);
    Map<String, String> labels = new LinkedHashMap<>();
    YamlNode labelsNode = node.mapping().get("labels");
    if (labelsNode != null) {
      if (!labelsNode.isMapping()) {
        throw new RoutesFileException(file, labelsNode.line(), "labels must be a mapping");
      }
      for (Map.Entry<String, YamlNode> label : labelsNode.mapping().entrySet()) {
        if (!label.getValue().isScalar()) {
          throw new RoutesFileException(
              file, label.getValue().line(), "label '" + label.getKey() + "' must be text");
        }
        labels.put(label.getKey(), label.getValue().scalar());
      }
    }
    Set<String> severities = new LinkedHashSet<>();
    YamlNode severity = node.mapping().get("severity");
    if (severity != null && severity.isScalar()) {
      severities.add(severity.scalar());
    } else if (severity != null) {
      for (YamlNode item : sequence(file, severity, "severity")) {
        if (!item.isScalar()) {
          throw new RoutesFileException(file, item.line(), "a severity must be text");
        }
        severities.add(item.scalar());
      }
    }
    return new RouteMatch(labels, fields.pattern("check"), severities, fields.pattern("metric"));
  }

  static List<YamlNode> sequence(String file, YamlNode node, String what)
      throws RoutesFileException {
    if (node == null || (!node.isMapping() && !node.isScalar() && !node.isSequence())) {
      return List.of();
    }
    if (!node.isSequence()) {
      throw new RoutesFileException(file, node.line(), what + " must be a list");
    }
    return node.sequence();
  }
}
