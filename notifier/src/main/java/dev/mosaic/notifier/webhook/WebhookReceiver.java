package dev.mosaic.notifier.webhook;

import java.net.URI;
import java.util.Objects;

/**
 * A generic JSON webhook that incidents are posted to, as declared in the routes file.
 *
 * <pre>
 * routes file → WebhookReceiver → WebhookDeliverer → HTTP POST url
 * </pre>
 *
 * @param name how routes refer to it
 * @param url absolute http or https URL the notifications are posted to
 * @param secret HMAC-SHA256 key of the signature header; never empty
 * @param format the body the receiver expects
 * @param routingKey PagerDuty's integration key for {@link ReceiverFormat#PAGERDUTY}; empty for the
 *     other formats
 */
public record WebhookReceiver(
    String name, URI url, String secret, ReceiverFormat format, String routingKey) {
  public WebhookReceiver {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(routingKey, "routingKey");
    if ((format == ReceiverFormat.PAGERDUTY) == routingKey.isEmpty()) {
      throw new IllegalArgumentException("a routing key is for PagerDuty receivers, and only them");
    }
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("secret is empty");
    }
  }

  /** A generic JSON webhook. */
  public WebhookReceiver(String name, URI url, String secret) {
    this(name, url, secret, ReceiverFormat.WEBHOOK, "");
  }

  /** Leaves the secret and the routing key out, so that logging a receiver never leaks it. */
  @Override
  public String toString() {
    return "WebhookReceiver[" + name + " " + format + " " + url + "]";
  }
}
