package dev.mosaic.collector.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.statsd.GraphiteTagSuffix.Folded;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphiteTagSuffixTest {

  private static Folded fold(String tags) {
    String text = "x|#" + tags + "|@1";
    return GraphiteTagSuffix.fold(text, 3, 3 + tags.length());
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → \"{1}\"")
  @CsvSource(
      delimiter = '⇒',
      quoteCharacter = '"',
      emptyValue = "",
      textBlock =
          """
          env:prod                    ⇒ ;env=prod
          host:web-1,env:prod         ⇒ ;env=prod;host=web-1
          b:2,a:1,c:3                 ⇒ ;a=1;b=2;c=3
          canary                      ⇒ ;canary=true
          canary:                     ⇒ ;canary=true
          env:prod,canary             ⇒ ;canary=true;env=prod
          env:prod,env:dev            ⇒ ;env=dev
          env:dev,env                 ⇒ ;env=true
          url:http://x:8080/a         ⇒ ;url=http--x8080-a
          version:1.2.3               ⇒ ;version=1.2.3
          "team name:big data"        ⇒ ;team_name=big_data
          "k;x=y:v;w=z"               ⇒ ;kxy=vwz
          env:~prod!^                 ⇒ ;env=prod
          name:checkout               ⇒ ;_name=checkout
          name:a,_name:b              ⇒ ;_name=b
          a:1,,b:2                    ⇒ ;a=1;b=2
          ""                          ⇒ ""
          ",,"                        ⇒ ""
          """)
  void foldsTagsIntoASortedGraphiteSuffix(String tags, String suffix) {
    assertThat(fold(tags)).isEqualTo(new Folded(suffix, 0));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → \"{1}\", {2} dropped")
  @CsvSource(
      delimiter = '⇒',
      quoteCharacter = '"',
      emptyValue = "",
      textBlock =
          """
          :prod                       ⇒ ""              ⇒ 1
          日本:x,env:prod              ⇒ ;env=prod       ⇒ 1
          env:日本                     ⇒ ""              ⇒ 1
          ~:~,host:h                  ⇒ ;host=h         ⇒ 1
          :a,:b                       ⇒ ""              ⇒ 2
          """)
  void tagThatSanitisesToNothingIsDropped(String tags, String suffix, int dropped) {
    assertThat(fold(tags)).isEqualTo(new Folded(suffix, dropped));
  }
}
