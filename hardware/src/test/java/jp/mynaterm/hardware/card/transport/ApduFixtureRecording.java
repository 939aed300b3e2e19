package jp.mynaterm.hardware.card.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import jp.mynaterm.hardware.card.MyNumberCard;
import jp.mynaterm.hardware.card.TestCards;
import jp.mynaterm.hardware.card.apdu.CardProblem;
import jp.mynaterm.hardware.card.virtual.InProcessCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the APDU fixtures in {@code src/test/resources/apdu/} from the virtual card through the
 * transport. Not part of a normal run; to record them again (a new card flow, a changed command):
 *
 * <pre>
 * mvn -pl hardware -am test -Dtest=ApduFixtureRecording -Dsurefire.failIfNoSpecifiedTests=false -Dmynaterm.apdu.record=true
 * </pre>
 *
 * The virtual card has no readable My Number, the guard refuses EF 0001 before any command leaves, and
 * EF 0003 (a digest of EF 0001) is not read, so no fixture holds anything standing for one.
 */
@EnabledIfSystemProperty(named = "mynaterm.apdu.record", matches = "true")
class ApduFixtureRecording {
  private static final Path DIR = Path.of("src/test/resources/apdu");
  private static final List<String> ORIGIN = List.of(
      "Recorded by ApduFixtureRecording from the virtual card (synthetic resident 1, a throw-away test PKI,",
      "PIN " + TestCards.PIN + ") through InProcessCard. '>' a command, '<' the card's answer with its status word.");

  @Test
  void recordsTheCardFlows() throws IOException {
    record("tap.apdu", "A tap: the user-auth certificate's serial, issuer and validity from its first 256 bytes, without a PIN",
        card -> TestCards.ok(card.userAuthCertificateHead()));
    record("certificates.apdu", "The whole certificates (where a signature follows: linking, kiosk), read without a PIN",
        card -> TestCards.ok(card.certificates()));
    record("pin-sign.apdu", "Holder authentication: certificates, tries left, VERIFY, SIGN of ApduFixturesTest.CHALLENGE", card -> {
      TestCards.ok(card.certificates());
      assertEquals(3, TestCards.ok(card.pinTriesLeft()));
      TestCards.ok(card.signChallenge(TestCards.PIN.toCharArray(), ApduFixturesTest.CHALLENGE));
    });
    record("wrong-pin.apdu", "A wrong PIN (0000) spends one try; the tries left then", card -> {
      assertEquals(new CardProblem.WrongPin(2), TestCards.problem(card.signChallenge("0000".toCharArray(), ApduFixturesTest.CHALLENGE)));
      assertEquals(2, TestCards.ok(card.pinTriesLeft()));
    });
    // Without the digest check: EF 0003 holds a digest of EF 0001, which counts as the My Number itself.
    record("basic-items.apdu", "The text input support AP: VERIFY, the four basic items (EF 0002)",
        card -> assertEquals(TestCards.resident("1").items(), TestCards.ok(card.basicItems(TestCards.PIN.toCharArray()))));
  }

  private static void record(String file, String title, Consumer<MyNumberCard> flow) throws IOException {
    RecordingTransport[] recorder = new RecordingTransport[1];
    ConnectedCard connected = new InProcessCard(TestCards.card()).withTransport(t -> recorder[0] = new RecordingTransport(t));
    MyNumberCard card = new MyNumberCard(connected);
    flow.accept(card);
    card.disconnect();
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(file), new ApduScript(title, recorder[0].drain()).format(ORIGIN), StandardCharsets.UTF_8);
  }
}
