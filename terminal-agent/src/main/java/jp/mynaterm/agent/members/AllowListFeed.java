package jp.mynaterm.agent.members;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mynaterm.agent.downlink.DownlinkStore;
import jp.mynaterm.protocol.ListName;
import jp.mynaterm.protocol.message.AllowEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a service's {@link MemberIndex} in step with the allow-list the terminal keeps on disk: filled
 * at start (so a terminal decides offline right after a reboot) and after every snapshot or delta.
 * Member numbers are opened with the service's {@link MemberSeal} on the way in; the copy on disk stays
 * as the hub sent it, sealed.
 */
public final class AllowListFeed {
  private static final Logger log = LoggerFactory.getLogger(AllowListFeed.class);

  private AllowListFeed() {}

  /** A service whose member numbers are not sealed (taxi riders, residents). */
  public static MemberIndex follow(DownlinkStore downlink, String service) {
    return follow(downlink, service, MemberSeal.NONE);
  }

  public static MemberIndex follow(DownlinkStore downlink, String service, MemberSeal seal) {
    MemberIndex index = new MemberIndex();
    String list = ListName.allow(service).wire();
    Runnable refresh = () -> index.replace(opened(service, downlink.allowEntries(service), seal), downlink.version(list));
    refresh.run();
    downlink.onChange(changed -> {
      if (changed.equals(list)) refresh.run();
    });
    return index;
  }

  /** The entries whose member numbers this key opens; the others are left out, and said once per refresh. */
  static List<AllowEntry> opened(String service, List<AllowEntry> entries, MemberSeal seal) {
    List<AllowEntry> out = new ArrayList<>(entries.size());
    int unopened = 0;
    for (AllowEntry e : entries) {
      Optional<String> member = seal.open(service, e.member());
      if (member.isPresent()) {
        out.add(member.get().equals(e.member()) ? e : new AllowEntry(e.cardId(), member.get(), e.category(), e.status()));
      } else {
        unopened++;
      }
    }
    if (unopened > 0) {
      log.error("{} of {} {} allow-list entries cannot be opened with this terminal's {}.memberKey: "
          + "every terminal of the service needs the same key file; those cards are treated as not registered",
          unopened, entries.size(), service, service);
    }
    return out;
  }
}
