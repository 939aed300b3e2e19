package jp.mynaterm.hub.console;

import java.util.List;

/**
 * What the console's layout ({@code src/main/jte/console/layout.jte}) needs on every page: the
 * language and its words, who is signed in, the navigation they may see, the CSRF token for forms,
 * the development ribbon. A section's template gets it as {@code page}.
 */
public final class ConsoleView {
  /** A link in the navigation. */
  public record Nav(String href, String title, boolean current) {}

  private final Messages messages;
  private final String title;
  private final String userId;
  private final List<Nav> nav;
  private final String csrf;
  private final boolean development;
  private final String city;
  private final String flash;
  private final boolean flashIsProblem;
  private final String path;

  ConsoleView(Messages messages, String title, String userId, List<Nav> nav, String csrf, boolean development, String city, String flash, boolean flashIsProblem, String path) {
    this.messages = messages;
    this.title = title;
    this.userId = userId;
    this.nav = nav;
    this.csrf = csrf;
    this.development = development;
    this.city = city;
    this.flash = flash;
    this.flashIsProblem = flashIsProblem;
    this.path = path;
  }

  public String lang() {
    return messages.lang();
  }

  /** The page's words ({@link Messages#t}). */
  public String t(String key, Object... args) {
    return messages.t(key, args);
  }

  public String title() {
    return title;
  }

  public boolean signedIn() {
    return userId != null;
  }

  public String userId() {
    return userId;
  }

  public List<Nav> nav() {
    return nav;
  }

  /** The token every form posts as {@code csrf} ({@code <input type="hidden" name="csrf" value="${page.csrf()}">}). */
  public String csrf() {
    return csrf;
  }

  public boolean development() {
    return development;
  }

  public String city() {
    return city;
  }

  /** A message from the action just done (shown once), or null. */
  public String flash() {
    return flash;
  }

  /** Whether {@link #flash} tells of a problem (a refused sign-in) rather than something done. */
  public boolean flashIsProblem() {
    return flashIsProblem;
  }

  /** This page's path, where the language button comes back to. */
  public String path() {
    return path;
  }

  /** The language the button switches to. */
  public String otherLang() {
    return lang().equals("ja") ? "en" : "ja";
  }
}
