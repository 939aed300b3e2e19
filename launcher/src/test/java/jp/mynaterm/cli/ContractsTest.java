package jp.mynaterm.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.mynaterm.hub.issuance.RuleDecision;
import jp.mynaterm.kiosk.i18n.Messages;
import org.junit.jupiter.api.Test;

/** Agreements between modules that neither side can check alone; the launcher sees both. */
class ContractsTest {
  @Test
  void everyRefusalTheHubSendsHasAKioskMessageInEveryLanguage() {
    for (String tag : Messages.LANGUAGES) {
      for (RuleDecision.Code code : RuleDecision.Code.values()) {
        String key = "refused." + code.key;
        assertTrue(Messages.of(tag).keys().contains(key), tag + " lacks " + key);
      }
      for (String code : jp.mynaterm.hub.issuance.IssuanceService.REFUSALS) {
        assertTrue(Messages.of(tag).keys().contains("refused." + code), tag + " lacks refused." + code);
      }
    }
  }
}
