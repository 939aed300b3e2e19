package jp.mynaterm.agent.members;

import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.protocol.ListName;

/**
 * Keeps a service's {@link MemberIndex} in step with the allow-list the terminal keeps on disk: filled
 * at start (so a terminal decides offline right after a reboot) and after every snapshot or delta.
 */
public final class AllowListFeed {
  private AllowListFeed() {}

  public static MemberIndex follow(DownlinkStore downlink, String service) {
    MemberIndex index = new MemberIndex();
    String list = ListName.allow(service).wire();
    Runnable refresh = () -> index.replace(downlink.allowEntries(service), downlink.version(list));
    refresh.run();
    downlink.onChange(changed -> {
      if (changed.equals(list)) refresh.run();
    });
    return index;
  }
}
