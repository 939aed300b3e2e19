package jp.mynaterm.cli.demo;

import java.util.List;
import java.util.Map;
import jp.mynaterm.agent.Agent;
import jp.mynaterm.agent.counter.CardOnReader;
import jp.mynaterm.agent.hospital.Reception;
import jp.mynaterm.agent.hospital.ReceptionCounter;
import jp.mynaterm.agent.hospital.ReceptionServer;
import jp.mynaterm.agent.members.MemberSeal;
import jp.mynaterm.cli.Launch;
import jp.mynaterm.cli.VirtualResidentLinks;
import jp.mynaterm.config.HospitalConfig;
import jp.mynaterm.config.HospitalSettings;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;

/**
 * 美濃病院's reception on the demo's hospital agent: the staff's page and the patient's own page
 * (eight languages, spoken), with resident {@value #PATIENT}'s virtual card on an in-process reader
 * (pcscd's vpcd reader is the demo taxi's), linked first as a patient card (its patient number, the
 * resident id, sealed as the hospital's terminals do), and slips printed as files in the demo's data.
 */
final class HospitalCounterDemoPart implements DemoPart {
  private static final String PATIENT = "2";
  private ReceptionServer reception;

  @Override
  public List<String> start(DemoContext context) throws Exception {
    Agent agent = context.get("agent.hospital", Agent.class);
    HospitalConfig base = (HospitalConfig) agent.config();
    HospitalSettings h = base.hospital();
    var slips = context.dataRoot().resolve("hospital").resolve("slips");
    HospitalConfig config = new HospitalConfig(base.role(), base.municipality(), base.terminal(), base.mqtt(), base.outbox(), base.card(),
        new HospitalSettings("dir:" + slips, LibraryCounterDemoPart.orFreePort(h.receptionUi()), LibraryCounterDemoPart.orFreePort(h.residentUi()), h.memberKey()),
        base.peripherals(), base.development());
    // The patient card is linked at a counter first (card + PIN, signed challenge), the number sealed for the hub.
    MemberSeal seal = MemberSeal.configured(config, "hospital.memberKey", h.memberKey());
    var linked = VirtualResidentLinks.link(agent, context.get("cardPki", VirtualCardPki.class), Reception.SERVICE, Map.of(PATIENT, ""), seal);
    CardOnReader reader = CardOnReader.virtualResident(Launch.virtualCardPki(), PATIENT, VirtualResidentLinks.PIN);
    reception = ReceptionCounter.start(agent, config, reader, Launch.virtualCardPki(), "美濃病院", Launch.home());
    return List.of(
        "hospital patient card: resident " + PATIENT + " linked as patient number " + PATIENT + " (sealed for the hub): " + linked.get(PATIENT),
        "hospital reception staff page (美濃病院): http://" + config.hospital().receptionUi().host() + ":" + reception.port()
            + "/ (sign in as " + LibraryCounterDemoPart.DEMO_STAFF + ")",
        "hospital patient page (the patient's display, 8 languages, spoken): http://" + config.hospital().residentUi().host() + ":" + reception.residentPort()
            + "/ (resident " + PATIENT + "'s card on the reader: press check-in, PIN " + VirtualResidentLinks.PIN + "; slips in " + slips + ")");
  }

  @Override
  public void close() {
    if (reception != null) reception.close();
  }
}
