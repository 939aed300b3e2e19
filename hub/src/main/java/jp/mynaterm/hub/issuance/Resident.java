package jp.mynaterm.hub.issuance;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * One person in the resident register extract, as the hub needs it to issue certificates. It lives
 * only at the hub: terminals never see names, addresses or birth dates.
 *
 * @param residentId the register's id for the person (住民票コード or the city's internal id)
 * @param householdId the household (世帯) for 住民票 of the whole household
 * @param relationship 続柄 to the head of household (世帯主, 妻, 子, …)
 * @param honseki the registered domicile (本籍) and its head (筆頭者), as printed
 * @param honsekiInCity whether the 本籍 is in this city (戸籍の附票 is issued only then)
 * @param sealNumber the seal registration number (印鑑登録番号), empty if none
 * @param userAuth the user-authentication certificate the city issued on the resident's card (issuer
 *     and serial), so the hub finds the resident behind a card without a visit to a counter; null if
 *     the resident has no card (or the extract does not say)
 * @param sealImpression the registered seal's impression (印影), an image file; null if none
 */
public record Resident(
    String residentId,
    String householdId,
    String familyName,
    String givenName,
    String familyNameKana,
    String givenNameKana,
    LocalDate birthDate,
    Sex sex,
    String address,
    String relationship,
    boolean headOfHousehold,
    String honseki,
    boolean honsekiInCity,
    String sealNumber,
    Status status,
    UserAuthCertificate userAuth,
    Path sealImpression) {

  /** A resident without a card in the extract and without a seal impression. */
  public Resident(
      String residentId, String householdId, String familyName, String givenName, String familyNameKana, String givenNameKana,
      LocalDate birthDate, Sex sex, String address, String relationship, boolean headOfHousehold, String honseki, boolean honsekiInCity,
      String sealNumber, Status status) {
    this(residentId, householdId, familyName, givenName, familyNameKana, givenNameKana, birthDate, sex, address, relationship, headOfHousehold,
        honseki, honsekiInCity, sealNumber, status, null, null);
  }

  /**
   * A user-authentication certificate by its issuer and serial, as the city's card window records
   * it. Equal issuers compare by their canonical form (RFC 4514 spelling and case do not matter).
   * Its text never shows the serial: logs name cards by CardId, never by certificate.
   */
  public record UserAuthCertificate(X500Principal issuer, BigInteger serial) {
    public static UserAuthCertificate of(java.security.cert.X509Certificate c) {
      return new UserAuthCertificate(c.getIssuerX500Principal(), c.getSerialNumber());
    }

    @Override
    public String toString() {
      return "UserAuthCertificate[…]";
    }
  }

  public boolean current() {
    return status == Status.CURRENT;
  }

  /** ISO 5218, as the card's text AP has it. */
  public enum Sex {
    MALE("1", "男"),
    FEMALE("2", "女"),
    NOT_APPLICABLE("9", "");

    public final String code;
    public final String ja;

    Sex(String code, String ja) {
      this.code = code;
      this.ja = ja;
    }

    public static Optional<Sex> ofCode(String code) {
      for (Sex s : values()) if (s.code.equals(code)) return Optional.of(s);
      return Optional.empty();
    }
  }

  /** Whether the person is in the register now; only current residents obtain certificates at kiosks. */
  public enum Status {
    CURRENT,
    MOVED_OUT,
    DECEASED
  }

  public int ageOn(LocalDate day) {
    return Period.between(birthDate, day).getYears();
  }

  public boolean sealRegistered() {
    return !sealNumber.isBlank();
  }

  public String fullName() {
    return familyName + "\u3000" + givenName;
  }

  @Override
  public String toString() {
    // Never a name, an address or a birth date in logs.
    return "Resident[" + residentId + "]";
  }
}
