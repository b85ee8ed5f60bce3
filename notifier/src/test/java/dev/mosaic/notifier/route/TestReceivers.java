package dev.mosaic.notifier.route;

/** Routes file fragments that several parser tests start from. */
final class TestReceivers {
  /** Four webhook receivers, three people and a chat; error line numbers count from its line 1. */
  static final String ALICE_BOB_CAROL_CHAT =
      """
      receivers:
        - {name: alice, url: 'http://h/alice', secret: s}
        - {name: bob, url: 'http://h/bob', secret: s}
        - {name: carol, url: 'http://h/carol', secret: s}
        - {name: chat, url: 'http://h/chat', secret: s}
      """;

  private TestReceivers() {}
}
