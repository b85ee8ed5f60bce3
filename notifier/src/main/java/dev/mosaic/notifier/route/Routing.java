package dev.mosaic.notifier.route;

import dev.mosaic.notifier.webhook.WebhookReceiver;
import java.util.Map;

/**
 * One valid routes file: the tree, and the receivers its routes name (every name resolves).
 *
 * <pre>
 * RoutesFile → Routing → NotifierService
 * </pre>
 */
public record Routing(RouteTree tree, Map<String, WebhookReceiver> receivers) {
  public static final Routing EMPTY = new Routing(RouteTree.EMPTY, Map.of());

  public Routing {
    receivers = Map.copyOf(receivers);
  }
}
