package jp.mynaterm.protocol.message;

import static jp.mynaterm.protocol.Fields.*;

/** A terminal came online; sent first after every connect, and retained on the status topic.
 *
 * @param listVersions the versions of the lists it holds, so the hub can send what is missing */
public record Birth(String version, String role, java.util.Map<String, Long> listVersions) implements Body {
  public Birth {
    text("version", version);
    text("role", role);
    listVersions = listVersions == null ? java.util.Map.of() : java.util.Map.copyOf(listVersions);
  }
}
