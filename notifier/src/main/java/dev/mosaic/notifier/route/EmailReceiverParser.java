package dev.mosaic.notifier.route;

import dev.mosaic.notifier.email.EmailReceiver;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads one {@code type: email} receiver of a routes file.
 *
 * <pre>
 * RoutesFileParser → EmailReceiverParser → EmailReceiver → Routing
 * </pre>
 */
final class EmailReceiverParser {
  static final Set<String> FIELDS =
      Set.of(
          "name",
          "type",
          "to",
          "from",
          "smtp-host",
          "smtp-port",
          "starttls",
          "username",
          "password",
          "password-env",
          "rate-limit");
  private static final int DEFAULT_PORT = 25;

  private EmailReceiverParser() {}

  static EmailReceiver parse(String file, YamlNode node, UnaryOperator<String> environment)
      throws RoutesFileException {
    YamlFields fields = YamlFields.of(file, node, "an email receiver");
    fields.allowOnly(FIELDS);
    String name = fields.requiredText("name");
    List<String> to = new ArrayList<>();
    YamlNode toNode = node.mapping().get("to");
    if (toNode != null && toNode.isScalar()) {
      to.add(address(fields, "to", toNode.scalar()));
    } else {
      for (YamlNode item : RoutesFileParser.sequence(file, toNode, "to")) {
        if (!item.isScalar()) {
          throw new RoutesFileException(file, item.line(), "an address must be text");
        }
        to.add(address(fields, "to", item.scalar()));
      }
    }
    if (to.isEmpty()) {
      throw new RoutesFileException(file, node.line(), "email receiver '" + name + "' needs to");
    }
    String from = address(fields, "from", fields.requiredText("from"));
    String host = fields.requiredText("smtp-host");
    String portText = fields.optionalText("smtp-port");
    int port = DEFAULT_PORT;
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65_535) {
        throw fields.error("smtp-port", "smtp-port must be 1 to 65535, not '" + portText + "'");
      }
    }
    boolean startTls = fields.bool("starttls");
    String username = fields.optionalText("username");
    String password = fields.optionalText("password");
    String passwordEnv = fields.optionalText("password-env");
    if (password != null && passwordEnv != null) {
      throw fields.error("password-env", "give password or password-env, not both");
    }
    if (passwordEnv != null) {
      password = environment.apply(passwordEnv);
      if (password == null || password.isEmpty()) {
        throw fields.error("password-env", "environment variable " + passwordEnv + " is not set");
      }
    }
    if ((username == null) != (password == null)) {
      throw new RoutesFileException(
          file, node.line(), "email receiver '" + name + "': username and a password go together");
    }
    return new EmailReceiver(name, to, from, host, port, startTls, username, password);
  }

  private static String address(YamlFields fields, String field, String text)
      throws RoutesFileException {
    try {
      new InternetAddress(text, true).validate();
      return text;
    } catch (AddressException e) {
      throw fields.error(field, "'" + text + "' is not an email address: " + e.getMessage());
    }
  }
}
