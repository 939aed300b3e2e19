package jp.mynaterm.agent.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jp.mynaterm.agent.Rig;
import jp.mynaterm.agent.trust.CardTrust;
import jp.mynaterm.config.ConfigException;
import jp.mynaterm.config.TaxiConfig;
import jp.mynaterm.config.TaxiSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxiTerminalTest {
  @TempDir Path dir;

  @Test
  void aReaderWithoutPinPadRefusesToStartWhenThePinIsRequired() {
    TaxiConfig base = Rig.taxi(dir, "taxi-1", "tcp://127.0.0.1:1");
    TaxiConfig pinRequired = new TaxiConfig(base.role(), base.municipality(), base.terminal(), base.mqtt(), base.outbox(), base.card(),
        new TaxiSettings(null, null, true, null, null, null, null, null), base.peripherals(), base.development());
    ConfigException e = assertThrows(ConfigException.class, () -> TaxiTerminal.refuseUnsupported(pinRequired, "taxi.yaml"));
    assertEquals("taxi.requirePin", e.key());
    assertTrue(e.getMessage().contains("PIN pad"), e.getMessage());
  }

  @Test
  void aMissingTrustAnchorsFileIsAConfigurationError() {
    var card = new jp.mynaterm.config.CardSettings("", "missing-anchors.pem", "");
    ConfigException e = assertThrows(ConfigException.class, () -> CardTrust.trustAnchors(card, "taxi.yaml", dir, dir.resolve("pki")));
    assertEquals("card.trustAnchors", e.key());
    assertTrue(e.getMessage().contains("missing-anchors.pem"), e.getMessage());
  }

  @Test
  void withoutTrustAnchorsTheVirtualCardsTestPkiIsTrusted() {
    var anchors = CardTrust.trustAnchors(jp.mynaterm.config.CardSettings.DEFAULT, "taxi.yaml", dir, dir.resolve("pki"));
    assertTrue(java.nio.file.Files.exists(dir.resolve("pki")), "the development PKI is created on first use");
    assertTrue(anchors != null);
  }

  @Test
  void aBadCardIdKeyIsAConfigurationError() {
    var card = new jp.mynaterm.config.CardSettings("", "", "tooshort");
    ConfigException e = assertThrows(ConfigException.class, () -> CardTrust.cardIds(card, "taxi.yaml"));
    assertEquals("card.cardIdKey", e.key());
  }
}
