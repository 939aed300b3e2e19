package jp.mynaterm.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a terminal asks the hub. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RequestBody.Challenge.class, name = "challenge"),
  @JsonSubTypes.Type(value = RequestBody.ListSync.class, name = "list-sync"),
  @JsonSubTypes.Type(value = RequestBody.Issuance.class, name = "issuance"),
})
public sealed interface RequestBody {

  /**
   * A fresh random challenge for the card to sign (certificate issuance). A purpose of
   * {@code issuance:<type>} also asks whether that type can be issued now: the hub refuses it before
   * the resident's card and PIN are asked for (closed day, weekdays only, hours) and answers its fee.
   */
  record Challenge(String purpose) implements RequestBody {
    public Challenge {
      jp.mynaterm.protocol.Fields.text("purpose", purpose);
    }
  }

  /**
   * After a (re)connect: the lists and versions the terminal holds; the hub sends deltas or a
   * snapshot for each that is behind, on the terminal's lists topic.
   */
  record ListSync(java.util.Map<String, Long> have) implements RequestBody {
    public ListSync {
      have = jp.mynaterm.protocol.Fields.map("have", have);
    }
  }

  /**
   * A certificate request signed by the card: the hub verifies the certificate's chain, revocation
   * and the signature over the challenge, then applies the city's rules.
   *
   * @param certificateType juminhyo, inkan, shotoku, fuhyo
   * @param options the type's options (household, honseki, fiscalYear, …)
   * @param certificate the user-authentication certificate, DER in base64
   * @param caCertificate its CA's certificate from the card (JPKI EF 000B), DER in base64, so the hub
   *     can check the chain to its trust anchors
   * @param challenge the challenge the hub issued, base64
   * @param signature the card's signature over SHA-256(challenge), base64
   */
  record Issuance(
      String certificateType,
      java.util.Map<String, String> options,
      int copies,
      String certificate,
      String caCertificate,
      String challenge,
      String signature)
      implements RequestBody {
    public Issuance {
      jp.mynaterm.protocol.Fields.text("certificateType", certificateType);
      options = options == null ? java.util.Map.of() : java.util.Map.copyOf(options);
      jp.mynaterm.protocol.Fields.positive("copies", copies);
      jp.mynaterm.protocol.Fields.text("certificate", certificate);
      jp.mynaterm.protocol.Fields.text("caCertificate", caCertificate);
      jp.mynaterm.protocol.Fields.text("challenge", challenge);
      jp.mynaterm.protocol.Fields.text("signature", signature);
    }
  }
}
