package dev.mosaic.notifier;

import dev.mosaic.contract.service.ServiceDefinition;
import dev.mosaic.contract.service.ServiceRunner;

/**
 * The notifier as the launcher and its own {@code main} see it.
 *
 * <pre>
 * state engine → &lt;prefix&gt;incidents → [notifier] → webhooks
 * </pre>
 */
public final class Notifier {
  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(
          "notifier",
          NotifierKeys.ALL,
          context -> new NotifierService(context, NotifierSettings.from(context.config())));

  private Notifier() {}

  public static void main(String[] args) {
    ServiceRunner.runStandalone(DEFINITION, args);
  }
}
