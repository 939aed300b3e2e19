package jp.mynaterm.agent.downlink;

/** Names of the lists a terminal holds, as used in ListSync, Birth and heartbeats. */
public final class Lists {
  /** The revoked user-authentication certificate serials. */
  public static final String REVOCATION = "revocation";

  private Lists() {}

  /** The allow-list of one service (taxi, library, hospital, …). */
  public static String allow(String service) {
    return "allow-" + service;
  }
}
