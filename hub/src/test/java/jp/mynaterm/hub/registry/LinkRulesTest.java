package jp.mynaterm.hub.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import jp.mynaterm.protocol.card.CardId;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.event.CardLinked;
import jp.mynaterm.protocol.event.CardUnlinked;
import jp.mynaterm.protocol.message.AllowEntry;
import jp.mynaterm.protocol.message.MemberStatus;
import org.junit.jupiter.api.Test;

class LinkRulesTest {
  private static final CardId OLD_CARD = CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.ONE);
  private static final CardId NEW_CARD = CardIds.development().derive(new X500Principal("CN=CA"), BigInteger.TWO);
  private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

  private static CardLinked linked(CardId card, String member, String category) {
    return new CardLinked("taxi", card, member, category, EXPIRES);
  }

  @Test
  void aNewLinkAddsTheMember() {
    var d = LinkRules.link(linked(NEW_CARD, "R-1", "senior"), Optional.empty(), Optional.empty());
    assertEquals(List.of(new AllowEntry(NEW_CARD, "R-1", "senior", MemberStatus.ACTIVE)), d.upserts());
    assertEquals(List.of(), d.notices());
  }

  @Test
  void theSameLinkTwiceChangesNothing() {
    var entry = new AllowEntry(NEW_CARD, "R-1", "senior", MemberStatus.ACTIVE);
    var d = LinkRules.link(linked(NEW_CARD, "R-1", "senior"), Optional.of(entry), Optional.of(entry));
    assertTrue(d.changesNothing());
    assertEquals(List.of(), d.notices());
  }

  @Test
  void aRenewedCardReplacesTheOldOneAndStaffAreTold() {
    var old = new AllowEntry(OLD_CARD, "R-1", "senior", MemberStatus.ACTIVE);
    var d = LinkRules.link(linked(NEW_CARD, "R-1", "senior"), Optional.empty(), Optional.of(old));
    assertEquals(List.of(OLD_CARD), d.removals());
    assertEquals(List.of(new AllowEntry(NEW_CARD, "R-1", "senior", MemberStatus.ACTIVE)), d.upserts());
    assertEquals(1, d.notices().size());
  }

  @Test
  void aCardLinkedToAnotherMemberMovesAndStaffAreTold() {
    var held = new AllowEntry(NEW_CARD, "R-1", "senior", MemberStatus.ACTIVE);
    var d = LinkRules.link(linked(NEW_CARD, "R-2", "child"), Optional.of(held), Optional.empty());
    assertEquals(List.of(new AllowEntry(NEW_CARD, "R-2", "child", MemberStatus.ACTIVE)), d.upserts());
    assertTrue(d.notices().get(0).contains("R-1") && d.notices().get(0).contains("R-2"));
  }

  @Test
  void aSuspendedMemberStaysSuspendedWhenRelinked() {
    var suspended = new AllowEntry(OLD_CARD, "R-1", "senior", MemberStatus.SUSPENDED);
    var d = LinkRules.link(linked(NEW_CARD, "R-1", "senior"), Optional.empty(), Optional.of(suspended));
    assertEquals(MemberStatus.SUSPENDED, d.upserts().get(0).status());
  }

  @Test
  void aStaleUnlinkChangesNothing() {
    var nowSomeoneElses = new AllowEntry(NEW_CARD, "R-2", "", MemberStatus.ACTIVE);
    assertTrue(LinkRules.unlink(new CardUnlinked("taxi", NEW_CARD, "R-1", "requested"), Optional.of(nowSomeoneElses)).changesNothing());
    assertEquals(List.of(NEW_CARD), LinkRules.unlink(new CardUnlinked("taxi", NEW_CARD, "R-2", "requested"), Optional.of(nowSomeoneElses)).removals());
  }

  @Test
  void sealedLibraryMembersFollowTheSameRulesButNoticesNeverShowTheirText() {
    String sealedA = CardLinked.SEALED_MEMBER + "c2VhbGVkLWE"; // as a library terminal sends them: opaque to the hub
    String sealedB = CardLinked.SEALED_MEMBER + "c2VhbGVkLWI";
    var held = new AllowEntry(NEW_CARD, sealedA, "", MemberStatus.ACTIVE);
    var d = LinkRules.link(new CardLinked("library", NEW_CARD, sealedB, "", EXPIRES), Optional.of(held), Optional.empty());
    assertEquals(List.of(new AllowEntry(NEW_CARD, sealedB, "", MemberStatus.ACTIVE)), d.upserts());
    assertEquals(1, d.notices().size());
    assertTrue(!d.notices().get(0).contains("c2VhbGVk") && d.notices().get(0).contains("(sealed)"), d.notices().get(0));
  }
}
