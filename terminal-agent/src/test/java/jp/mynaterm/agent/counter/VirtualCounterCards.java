package jp.mynaterm.agent.counter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynaterm.hardware.card.HolderAuthentication;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.apdu.CardResult;
import jp.mynaterm.hardware.card.virtual.InProcessCard;
import jp.mynaterm.hardware.card.virtual.VirtualPinPad;
import jp.mynaterm.hardware.card.virtual.Resident;
import jp.mynaterm.hardware.card.virtual.VirtualCardPki;
import jp.mynaterm.hardware.card.virtual.VirtualMyNumberCard;
import jp.mynaterm.protocol.card.CardIds;
import jp.mynaterm.protocol.card.CardVerifier;
import jp.mynaterm.protocol.card.RevocationStore;
import jp.mynaterm.protocol.card.TrustAnchors;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * A counter's card reader for tests: virtual cards from a test PKI put on an in-process reader, the
 * holder authentication that trusts that PKI with a revocation list the test controls, and a staff
 * account to sign in with.
 */
public final class VirtualCounterCards {
  public static final String PIN = "1234";

  public final VirtualCardPki pki;
  public final RevocationStore revoked = new RevocationStore();
  public final HolderAuthentication authentication;
  private final AtomicReference<VirtualMyNumberCard> onReader = new AtomicReference<>();
  public final StaffAccountsFile accounts;

  public VirtualCounterCards(Path dir) throws IOException {
    this(dir, dir.resolve("pki"));
  }

  /**
   * @param pkiDir where the test PKI's keys are made once and kept: a test class shares one so its
   *     tests do not each make RSA keys (each test still gets fresh cards, with fresh PIN counters)
   */
  public VirtualCounterCards(Path dir, Path pkiDir) throws IOException {
    accounts = StaffAccountsFile.in(dir);
    pki = VirtualCardPki.openOrCreate(pkiDir);
    authentication =
        new HolderAuthentication(new CardVerifier(new TrustAnchors(List.of(pki.rootCertificate())), revoked, CardIds.development(), Clock.systemUTC()));
  }

  /** What the resident types on the reader's own PIN pad, one entry per PIN asked for; only with {@link #withPinPad}. */
  public final java.util.concurrent.BlockingQueue<String> padKeys = new java.util.concurrent.LinkedBlockingQueue<>();
  private final java.util.concurrent.atomic.AtomicBoolean pinPad = new java.util.concurrent.atomic.AtomicBoolean();

  /** From now on the reader has a PIN pad (PC/SC part 10), as a class 2 reader: PINs are typed on it. */
  public void withPinPad() {
    pinPad.set(true);
  }

  public CardOnReader reader() {
    return () -> {
      VirtualMyNumberCard card = onReader.get();
      if (card == null) return CardResult.failed(new CardProblem.NoCard("the virtual reader"));
      VirtualPinPad pad = () -> {
        try {
          return Optional.of(padKeys.take().toCharArray());
        } catch (InterruptedException e) {
          return Optional.empty(); // as the pad's Cancel key
        }
      };
      return CardResult.ok(new MyNumberCard(new InProcessCard(card, pinPad.get() ? pad : null), java.time.Duration.ofSeconds(5)));
    };
  }

  /** Puts the card of the bundled resident with this index on the reader. */
  public VirtualMyNumberCard put(int resident) throws IOException {
    VirtualMyNumberCard card = VirtualMyNumberCard.forResident(pki, Resident.all().get(resident), PIN);
    onReader.set(card);
    return card;
  }

  public void revoke(VirtualMyNumberCard card) {
    revoked.replaceAll(List.of(card.material().userAuth().getSerialNumber().toString(16)));
  }

  /**
   * Sign-in at a test counter: one account with this role (user {@link #STAFF}, password
   * {@link #STAFF_PASSWORD}) in the counter's accounts file.
   */
  public StaffSignIn signIn(StaffRole role) {
    accounts.put(STAFF, java.util.Set.of(role), STAFF_PASSWORD);
    return new StaffSignIn(accounts, role, Clock.systemUTC(), StaffSignIn.SHIFT);
  }

  public static final String STAFF = "staff-1";
  public static final String STAFF_PASSWORD = "counter-staff-pw";
}
