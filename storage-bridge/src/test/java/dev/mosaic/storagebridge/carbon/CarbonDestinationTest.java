package dev.mosaic.storagebridge.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CarbonDestinationTest {

  @Test
  void parsesAsCarbonRelayDoes() {
    assertThat(CarbonDestination.parse("carbon1:2004"))
        .isEqualTo(new CarbonDestination("carbon1", 2004, null));
    assertThat(CarbonDestination.parse(" 127.0.0.1:2104:b "))
        .isEqualTo(new CarbonDestination("127.0.0.1", 2104, "b"));
    assertThat(CarbonDestination.parse("[::1]:2004:x"))
        .isEqualTo(new CarbonDestination("::1", 2004, "x"));
    // carbon's partition(':'): the instance is everything after the port
    assertThat(CarbonDestination.parse("h:2004:a:b"))
        .isEqualTo(new CarbonDestination("h", 2004, "a:b"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"carbon1:2004", "127.0.0.1:2104:b", "[::1]:2004:x"})
  void writtenBackAsGiven(String text) {
    assertThat(CarbonDestination.parse(text).toString()).isEqualTo(text);
  }

  @Test
  void refusesWhatIsNotADestination() {
    assertThatThrownBy(() -> CarbonDestination.parse("carbon1"))
        .hasMessage("\"carbon1\" is not host:port[:instance]");
    assertThatThrownBy(() -> CarbonDestination.parse("carbon1:x"))
        .hasMessage("\"carbon1:x\" has no numeric port");
    assertThatThrownBy(() -> CarbonDestination.parse(":2004")).hasMessage("the host is empty");
    assertThatThrownBy(() -> CarbonDestination.parse("h:70000"))
        .hasMessage("port 70000 is out of range (1 to 65535)");
  }
}
