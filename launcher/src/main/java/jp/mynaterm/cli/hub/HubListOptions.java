package jp.mynaterm.cli.hub;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the hub's listing commands (notices, requests) share: which hub, and how many lines. */
final class HubListOptions {
  @Mixin HubConfigOption hubConfig;

  @Option(names = "--limit", paramLabel = "N", description = "How many (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int limit;

  jp.mynaterm.config.HubConfig hub() {
    return hubConfig.hub();
  }
}
