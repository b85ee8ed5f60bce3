package dev.mosaic.stateengine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckDirectoryTest {
  @TempDir Path dir;

  @Test
  void readsEveryYamlFileAndOnlyWhenSomethingChanged() throws Exception {
    write("a.yaml", "checks:\n  - {name: a, pattern: x, critical: 1}\n");
    write("b.yml", "checks:\n  - {name: b, pattern: y, critical: 2}\n");
    write("notes.txt", "not a check file");
    CheckDirectory checks = new CheckDirectory(dir);

    assertThat(names(checks.reloadIfChanged().orElseThrow())).containsExactly("a", "b");
    assertThat(checks.reloadIfChanged()).isEmpty();

    write("b.yml", "checks:\n  - {name: b2, pattern: y, critical: 2}\n");
    assertThat(names(checks.reloadIfChanged().orElseThrow())).containsExactly("a", "b2");

    Files.delete(dir.resolve("a.yaml"));
    assertThat(names(checks.reloadIfChanged().orElseThrow())).containsExactly("b2");
  }

  @Test
  void aBrokenFileIsReportedOnceAndItsFixIsPickedUp() throws Exception {
    write("a.yaml", "checks:\n  - {name: a, pattern: x, critical: 1}\n");
    CheckDirectory checks = new CheckDirectory(dir);
    checks.reloadIfChanged();

    write("a.yaml", "checks:\n  - name: a\n    pattern: x\n    critical: high\n");
    assertThatThrownBy(checks::reloadIfChanged)
        .isInstanceOf(CheckFileException.class)
        .hasMessage(dir.resolve("a.yaml") + ":4: 'critical' must be a number");
    assertThat(checks.lastError())
        .contains(dir.resolve("a.yaml") + ":4: 'critical' must be a number");
    assertThat(checks.reloadIfChanged()).isEmpty();

    write("a.yaml", "checks:\n  - name: a\n    pattern: x\n    critical: 3\n");
    assertThat(checks.reloadIfChanged().orElseThrow().get(0).critical().trigger()).isEqualTo(3);
    assertThat(checks.lastError()).isEmpty();
  }

  @Test
  void aNameUsedInTwoFilesIsRejected() throws Exception {
    write("a.yaml", "checks:\n  - {name: same, pattern: x, critical: 1}\n");
    write("b.yaml", "\nchecks:\n  - {name: same, pattern: y, critical: 1}\n");

    assertThatThrownBy(() -> new CheckDirectory(dir).reloadIfChanged())
        .isInstanceOf(CheckFileException.class)
        .hasMessage(
            dir.resolve("b.yaml")
                + ":3: check name 'same' is already used at "
                + dir.resolve("a.yaml")
                + ":2");
  }

  @Test
  void aMissingDirectoryHoldsNoChecks() throws Exception {
    assertThat(new CheckDirectory(dir.resolve("nowhere")).reloadIfChanged()).contains(List.of());
  }

  private void write(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content);
  }

  private static List<String> names(List<Check> checks) {
    return checks.stream().map(Check::name).toList();
  }
}
