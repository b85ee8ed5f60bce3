package dev.mosaic.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body so the receiver can tell it came from this notifier and was not altered:
 * HMAC-SHA256 of the exact body bytes with the receiver's secret, as {@code sha256=<lower hex>}.
 *
 * <pre>
 * WebhookPayloadEncoder → body → WebhookSigner → X-Mosaic-Signature header
 * </pre>
 */
public final class WebhookSigner {
  /** The header that carries the signature. */
  public static final String HEADER = "X-Mosaic-Signature";

  private WebhookSigner() {}

  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
