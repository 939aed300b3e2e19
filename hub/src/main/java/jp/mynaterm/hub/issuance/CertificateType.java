package jp.mynaterm.hub.issuance;

import java.util.Arrays;
import java.util.Optional;

/** The certificates kiosks issue, as コンビニ交付 does; {@code key} is used in configuration and events. */
public enum CertificateType {
  /** 住民票の写し: self or household; with or without 本籍 and 続柄. */
  JUMINHYO("juminhyo", "住民票の写し"),
  /** 印鑑登録証明書: only for residents with a registered seal. */
  INKAN("inkan", "印鑑登録証明書"),
  /** 所得・課税証明書: per fiscal year, where the city holds a tax record for it. */
  SHOTOKU("shotoku", "所得・課税証明書"),
  /** 戸籍の附票の写し: only where the registered domicile (本籍) is in the city. */
  FUHYO("fuhyo", "戸籍の附票の写し");

  private final String key;
  private final String titleJa;

  CertificateType(String key, String titleJa) {
    this.key = key;
    this.titleJa = titleJa;
  }

  public String key() {
    return key;
  }

  public String titleJa() {
    return titleJa;
  }

  public static Optional<CertificateType> ofKey(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }
}
