package jp.mynaterm.agent.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jp.mynaterm.agent.counter.CounterPage;
import jp.mynaterm.agent.counter.PageClient;
import jp.mynaterm.agent.counter.VirtualCounterCards;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.event.LibraryLoan;
import jp.mynaterm.protocol.event.StaffAlert;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff page's HTTP API, as the page (or a script) uses it. */
class StaffServerTest {
  /** One test PKI for the class: its keys are made once. */
  @TempDir static Path pki;
  @TempDir Path dir;
  private LibraryCounterRig rig;

  @BeforeEach
  void start() throws Exception {
    rig = new LibraryCounterRig(dir, pki, true);
    rig.signIn();
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  private PageClient.Answer register(String patron, String pin) throws Exception {
    return rig.register(patron, pin);
  }

  private String forPatron(PageClient.Answer lookup, String more) {
    return "{\"cardId\":\"" + lookup.body().path("cardId").asText() + "\",\"patron\":\"" + lookup.body().path("patron").asText() + "\"" + more + "}";
  }

  @Test
  void registeredCardIsFoundByTapAndBorrowsOnline() throws Exception {
    rig.put(0);
    var registered = register("P-7781", "1234");
    assertEquals("register.done", registered.key());
    CardLinked linked = (CardLinked) rig.events.getFirst();
    assertEquals("library", linked.service());
    assertFalse(linked.member().contains("7781"), "the hub gets the patron number sealed: " + linked.member());
    assertEquals(java.util.Optional.of("P-7781"), rig.seal.open("library", linked.member()), "a library terminal opens it");

    var lookup = rig.post("/api/lookup", "{}");
    assertEquals("lookup.found", lookup.key());
    assertEquals("P-7781", lookup.body().path("patron").asText());
    assertEquals(linked.cardId().value(), lookup.body().path("cardId").asText());

    var loan = rig.post("/api/checkout", forPatron(lookup, ",\"item\":\"9784000000001\""));
    assertEquals("checkout.done", loan.key(), loan.body().toString());
    assertEquals("吾輩は猫である", loan.body().path("args").get(0).asText());
    assertEquals("P-7781", rig.library.loans.get("9784000000001"));
    assertTrue(loan.body().path("args").get(1).asText().matches("\\d{4}-\\d{2}-\\d{2}"), "due date as a day: " + loan.body());

    var giveBack = rig.post("/api/checkin", forPatron(lookup, ",\"item\":\"9784000000001\""));
    assertEquals("checkin.done", giveBack.key());
    assertFalse(rig.library.loans.containsKey("9784000000001"));
  }

  @Test
  void wrongPinSaysHowManyTriesAreLeftAndLinksNothing() throws Exception {
    rig.put(1);
    var first = register("P-7781", "9999");
    var second = register("P-7781", "9998");
    assertEquals("card.wrongPin", first.key());
    assertEquals(first.body().path("args").get(0).asInt() - 1, second.body().path("args").get(0).asInt());
    assertFalse(first.body().path("ok").asBoolean());
    assertTrue(rig.events.isEmpty());
    // Before the last try, staff and the resident's display both say so, before the PIN is typed.
    var asked = rig.post("/api/register", "{\"patron\":\"P-7781\"}");
    assertEquals("pin.waitingLast", asked.key(), asked.body().toString());
    var shown = rig.resident.get("/api/pin").body();
    assertEquals("enter", shown.path("state").asText());
    assertEquals(1, shown.path("triesLeft").asInt());
    assertTrue(shown.path("lastTry").asBoolean());
    assertEquals("pin.cancelled", rig.resident.post("/api/pin/cancel", "{}").key(), "the resident may step back");
    var again = (CardResult.Ok<MyNumberCard>) rig.cards.reader().connect();
    assertEquals(new CardResult.Ok<>(1), again.value().pinTriesLeft(), "cancelling spent no try");
    again.value().disconnect();
    assertEquals("register.done", register("P-7781", "1234").key(), "a right PIN still links after wrong ones");
  }

  @Test
  void noCardAndRevokedCardAreRefusedWithTheirReason() throws Exception {
    assertEquals("card.none", register("P-7781", "1234").key());
    var card = rig.put(2);
    rig.cards.revoke(card);
    assertEquals("card.revoked", register("P-7781", "1234").key());
    assertEquals("card.revoked", rig.post("/api/lookup", "{}").key());
    assertTrue(rig.events.isEmpty());
  }

  @Test
  void cardPulledDuringRegistrationIsSaidAndLinksNothing() throws Exception {
    rig.put(4).faults().pullAfter(4);
    assertEquals("card.removed", register("P-7781", "1234").key());
    assertTrue(rig.events.isEmpty());
  }

  @Test
  void lookupFollowsTheAllowListFromTheHub() throws Exception {
    rig.put(3);
    assertEquals("lookup.notRegistered", rig.post("/api/lookup", "{}").key());
    register("P-1000", "1234");
    CardId card = ((CardLinked) rig.events.getFirst()).cardId();
    rig.patrons.replace(List.of(new AllowEntry(card, "P-1000", "", MemberStatus.SUSPENDED)), 7);
    var lookup = rig.post("/api/lookup", "{}");
    assertEquals("P-1000", lookup.body().path("patron").asText());
    assertEquals("suspended", lookup.body().path("status").asText());
  }

  @Test
  void unlinkRecordsTheReasonAndTheCardIsNoLongerKnown() throws Exception {
    rig.put(0);
    register("P-7781", "1234");
    var lookup = rig.post("/api/lookup", "{}");
    assertEquals(400, rig.post("/api/unlink", forPatron(lookup, ",\"reason\":\"\"")).status(), "a reason is required");
    var unlinked = rig.post("/api/unlink", forPatron(lookup, ",\"reason\":\"card lost\""));
    assertEquals("unlink.done", unlinked.key());
    CardUnlinked event = (CardUnlinked) rig.events.getLast();
    assertEquals("card lost", event.reason());
    assertEquals(((CardLinked) rig.events.getFirst()).member(), event.member(), "sealed the same way, so the hub matches link and unlink");
    assertEquals("lookup.notRegistered", rig.post("/api/lookup", "{}").key());
  }

  @Test
  void badInputIsRefusedWith400AndChangesNothing() throws Exception {
    rig.put(0);
    assertEquals(400, register("P|7781", "1234").status());
    assertEquals(400, register("P-7781", "12").status());
    assertEquals(400, rig.post("/api/register", "not json").status());
    String stranger = "{\"cardId\":\"" + "A".repeat(26) + "\",\"patron\":\"P-7781\",\"item\":\"9784000000001\"}";
    var refused = rig.post("/api/checkout", stranger);
    assertEquals(400, refused.status());
    assertTrue(refused.body().path("error").asText().contains("not linked"), refused.body().toString());
    assertTrue(rig.events.isEmpty());
    assertTrue(rig.library.loans.isEmpty());
    assertEquals(0, rig.get("/api/pending").body().path("pending").size());
  }

  @Test
  void offlineLoanIsQueuedShownAndSentWhenTheLibrarySystemIsBack() throws Exception {
    rig.put(0);
    register("P-7781", "1234");
    var lookup = rig.post("/api/lookup", "{}");
    rig.libraryDown();
    var queued = rig.post("/api/checkout", forPatron(lookup, ",\"item\":\"9784000000002\""));
    assertEquals("checkout.queued", queued.key());
    var pending = rig.get("/api/pending").body().path("pending");
    assertEquals(1, pending.size());
    assertEquals("9784000000002", pending.get(0).path("item").asText());
    assertEquals("drain.partly", rig.post("/api/drain", "{}").key());

    rig.libraryBack();
    var drained = rig.post("/api/drain", "{}");
    assertEquals("drain.done", drained.key());
    assertEquals(0, rig.get("/api/pending").body().path("pending").size());
    assertEquals("P-7781", rig.library.loans.get("9784000000002"));
    assertTrue(rig.events.stream().anyMatch(e -> e instanceof LibraryLoan l && l.offline() && l.accepted()));
  }

  @Test
  void withoutALibrarySystemLoansSaySoAndCardsStillLink(@TempDir Path other) throws Exception {
    try (var alone = new LibraryCounterRig(other, pki, false)) {
      alone.signIn();
      alone.put(0);
      assertEquals("register.done", alone.register("P-7781", "1234").key());
      var lookup = alone.post("/api/lookup", "{}");
      assertEquals("library.none", alone.post("/api/checkout", forPatron(lookup, ",\"item\":\"9784000000001\"")).key());
      assertFalse(alone.get("/api/status").body().path("libraryConnected").asBoolean());
    }
  }

  @Test
  void onAReaderWithAPinPadThePatronTypesThePinThereAndTheResidentPageTakesNone() throws Exception {
    rig.cards.withPinPad();
    rig.put(0);
    var asked = rig.post("/api/register", "{\"patron\":\"P-7781\"}");
    assertEquals("pin.waitingPad", asked.key(), asked.body().toString());
    assertEquals("pin.onPad", rig.resident.post("/api/pin", "{\"pin\":\"1234\"}").key());
    rig.cards.padKeys.add("1234");
    org.awaitility.Awaitility.await("the pad's PIN").atMost(java.time.Duration.ofSeconds(10))
        .until(() -> rig.get("/api/pin").body().path("state").asText().equals("done"));
    assertEquals("register.done", rig.get("/api/pin").key());
    assertEquals(java.util.Optional.of("P-7781"), rig.seal.open("library", ((CardLinked) rig.events.getFirst()).member()));
  }

  @Test
  void anUnknownPatronIsRefusedBeforeThePinAndAnOfflineRegistrationWaitsForTheLibrarySystem() throws Exception {
    rig.put(0);
    var unknown = rig.post("/api/register", "{\"patron\":\"P-0000\"}");
    assertEquals("register.unknownPatron", unknown.key(), unknown.body().toString());
    assertEquals("idle", rig.resident.get("/api/pin").body().path("state").asText(), "no PIN asked for, no try spent");

    rig.libraryDown();
    assertEquals("register.waiting", register("P-7781", "1234").key());
    assertTrue(rig.events.isEmpty(), "no link before the library system confirms the patron");
    var lookup = rig.post("/api/lookup", "{}");
    assertEquals("waiting", lookup.body().path("status").asText());
    assertEquals(1, rig.get("/api/pending").body().path("registrations").size());

    rig.libraryBack();
    rig.post("/api/drain", "{}");
    assertEquals("library", ((CardLinked) rig.events.getFirst()).service(), "linked once the library system confirmed");
    assertEquals("checked", rig.post("/api/lookup", "{}").body().path("status").asText());
    assertEquals(0, rig.get("/api/pending").body().path("registrations").size());
  }

  @Test
  void returnsNeedNoCardRenewalsAndThePatronsItemsComeFromTheLibrarySystemAndRefusedOfflineLoansWaitForStaff() throws Exception {
    rig.put(0);
    register("P-7781", "1234");
    var lookup = rig.post("/api/lookup", "{}");
    rig.library.holds.put("P-7781", List.of("9784000000002"));
    rig.post("/api/checkout", forPatron(lookup, ",\"item\":\"9784000000001\""));
    var renewed = rig.post("/api/renew", forPatron(lookup, ",\"item\":\"9784000000001\""));
    assertEquals("renew.done", renewed.key(), renewed.body().toString());
    var items = rig.post("/api/items", forPatron(lookup, ""));
    assertEquals("9784000000001", items.body().path("loans").get(0).asText());
    assertEquals("9784000000002", items.body().path("holds").get(0).asText());
    assertEquals("checkin.done", rig.post("/api/checkin", "{\"item\":\"9784000000001\"}").key(), "the item alone, as from the book drop");

    rig.libraryDown();
    rig.post("/api/checkout", forPatron(lookup, ",\"item\":\"9784000000099\""));
    rig.libraryBack();
    rig.post("/api/drain", "{}");
    var refused = rig.get("/api/pending").body().path("refused");
    assertEquals(1, refused.size());
    assertEquals("資料が見つかりません", refused.get(0).path("refusal").asText(), "the library system's reason, for staff");
    assertTrue(rig.events.stream().anyMatch(e -> e instanceof StaffAlert a && a.problem().equals(Circulation.OFFLINE_LOAN_REFUSED)));
    String handled = "{\"what\":\"transaction\",\"id\":\"" + refused.get(0).path("id").asText() + "\"}";
    assertEquals("handled.done", rig.post("/api/handled", handled).key());
    assertEquals(0, rig.get("/api/pending").body().path("refused").size());
  }

  @Test
  void whereTheLibraryUsesPatronPasswordsThePatronTypesItOnTheResidentPageFirstAndAWrongOneSpendsNoPinTry(@TempDir Path other) throws Exception {
    try (var lib = new LibraryCounterRig(other, pki, true, true)) {
      lib.signIn();
      lib.put(0);
      int tries = triesLeft(lib);
      assertEquals("pin.waitingPassword", lib.post("/api/register", "{\"patron\":\"P-7781\"}").key());
      assertEquals("password", lib.resident.get("/api/pin").body().path("state").asText());
      assertEquals(404, lib.post("/api/password", "{\"password\":\"kuma-3\"}").status(), "never typed on the staff's page");
      var wrong = lib.resident.post("/api/password", "{\"password\":\"kuma-4\"}");
      assertEquals("register.wrongPassword", wrong.key(), wrong.body().toString());
      assertEquals("register.wrongPassword", lib.get("/api/pin").key(), "staff see it too");
      assertEquals(tries, triesLeft(lib), "a wrong library password spends no PIN try");
      assertTrue(lib.events.isEmpty());

      lib.post("/api/register", "{\"patron\":\"P-7781\"}");
      assertEquals("pin.passwordOk", lib.resident.post("/api/password", "{\"password\":\"kuma-3\"}").key());
      assertEquals("register.done", lib.resident.post("/api/pin", "{\"pin\":\"1234\"}").key());
      var sent = lib.library.received.stream().filter(r -> r.command().equals("63")).toList();
      assertEquals("kuma-3", sent.getLast().fields().get("AD"), "the password went to the library system in AD");
      assertEquals(java.util.List.of(), lib.library.violations);

      lib.libraryDown();
      assertEquals("register.passwordNeedsLibrary", lib.post("/api/register", "{\"patron\":\"P-7781\"}").key(), "no password is kept to check later");
    }
  }

  private static int triesLeft(LibraryCounterRig lib) {
    var card = (CardResult.Ok<MyNumberCard>) lib.cards.reader().connect();
    try {
      return ((CardResult.Ok<Integer>) card.value().pinTriesLeft()).value();
    } finally {
      card.value().disconnect();
    }
  }

  @Test
  void japaneseAndEnglishHaveTheSameMessages() {
    var ja = CounterPage.messages("/jp/mynaterm/agent/library/web", "ja");
    var en = CounterPage.messages("/jp/mynaterm/agent/library/web", "en");
    assertEquals(ja.keySet(), en.keySet());
    assertTrue(ja.get("resident.lastTry").contains("残り1回"), "the resident page's last-try warning");
    assertTrue(ja.get("lookup.notRegistered").contains("登録されていません"));
  }
}
