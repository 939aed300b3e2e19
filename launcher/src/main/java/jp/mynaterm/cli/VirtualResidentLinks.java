package jp.mynaterm.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.linking.CounterLinking;
import jp.mynaterm.agent.members.MemberSeal;
import jp.mynaterm.agent.usage.AgentRecorder;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.virtual.InProcessCard;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;

/**
 * Virtual residents' cards linked to a service at a counter the way staff do it — card + PIN, a
 * signed challenge checked — and recorded by the counter's agent, for the demo and the benchmarks.
 * The member id is the resident id.
 */
public final class VirtualResidentLinks {
  public static final String PIN = "1234";

  private VirtualResidentLinks() {}

  /** @param categoryByResident resident id → the link's category (fare class, "resident", …), in link order */
  public static Map<String, CounterLinking.Outcome> link(Agent counter, VirtualCardPki pki, String service, Map<String, String> categoryByResident)
      throws IOException {
    return link(counter, pki, service, categoryByResident, MemberSeal.NONE);
  }

  /** @param seal seals the member numbers the hub must not read (hospital patients, library patrons) */
  public static Map<String, CounterLinking.Outcome> link(Agent counter, VirtualCardPki pki, String service, Map<String, String> categoryByResident, MemberSeal seal)
      throws IOException {
    var staffCheck =
        new HolderAuthentication(new CardVerifier(new TrustAnchors(List.of(pki.rootCertificate())), new RevocationStore(), CardIds.development(), Clock.systemUTC()));
    var linking = new CounterLinking(service, staffCheck, new AgentRecorder(counter), seal);
    Map<String, CounterLinking.Outcome> outcomes = new LinkedHashMap<>();
    for (var e : categoryByResident.entrySet()) {
      VirtualMyNumberCard virtual = VirtualMyNumberCard.forResident(pki, Resident.find(e.getKey()).orElseThrow(), PIN);
      MyNumberCard card = new MyNumberCard(new InProcessCard(virtual), MyNumberCard.DEFAULT_TIMEOUT);
      outcomes.put(e.getKey(), linking.link(card, PIN.toCharArray(), e.getKey(), e.getValue()));
    }
    return outcomes;
  }
}
