package dev.mosaic.launcher;

import dev.mosaic.contract.config.ConfigKey;
import java.util.List;

/**
 * Writes the table of every config key for {@code docs/configuration.md}, so the documentation is
 * made from the keys the code reads and a test can tell when it is stale.
 *
 * <pre>
 *   java -cp 'launcher/target/lib/*:launcher/target/classes' dev.mosaic.launcher.ConfigReference
 * </pre>
 */
public final class ConfigReference {
  private ConfigReference() {}

  public static void main(String[] args) {
    System.out.print(table(MosaicStack.allKeys()));
  }

  static String table(List<ConfigKey<?>> keys) {
    StringBuilder out = new StringBuilder();
    out.append("| key | default | environment variable | meaning |\n");
    out.append("| --- | --- | --- | --- |\n");
    for (ConfigKey<?> key : keys) {
      out.append("| `")
          .append(key.name())
          .append("` | ")
          .append(key.defaultText().isEmpty() ? "(empty)" : "`" + key.defaultText() + "`")
          .append(" | `")
          .append(key.environmentVariable())
          .append("` | ")
          .append(key.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }
}
