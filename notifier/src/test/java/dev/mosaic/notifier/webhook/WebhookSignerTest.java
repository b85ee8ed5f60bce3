package dev.mosaic.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  @Test
  void signsWithHmacSha256OfTheBodyInLowerHex() {
    // The widely published HMAC-SHA256 example value for this key and message.
    byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSigner.sign("key", body))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void anotherSecretGivesAnotherSignature() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSigner.sign("a", body)).isNotEqualTo(WebhookSigner.sign("b", body));
  }
}
