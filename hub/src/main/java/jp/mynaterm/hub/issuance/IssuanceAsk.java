package jp.mynaterm.hub.issuance;

import java.util.Map;

/**
 * What the resident chose at the kiosk.
 *
 * @param options for juminhyo: {@code scope} self|household, {@code honseki} yes|no,
 *     {@code zokugara} yes|no; for shotoku: {@code fiscalYear}; none for the others
 */
public record IssuanceAsk(CertificateType type, Map<String, String> options, int copies) {
  public IssuanceAsk {
    options = Map.copyOf(options);
  }

  public String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }
}
