package jp.mynaterm.hub.console;

import java.util.Set;
import jp.mynaterm.protocol.staff.StaffRole;

/**
 * One part of the console (accounts, work queues, the fleet, alerts, …): its pages under
 * {@code /console/{id}}, a link in the console's navigation for those who may open it, and its words
 * in the console's two languages. The shell ({@link Console}) does everything around a page: sign-in,
 * session expiry, the role check on every route (reading included), the CSRF check on every POST,
 * the development ribbon, the language button, and an audit entry for every POST a section did not
 * record itself.
 *
 * <p>To add one: implement this in the feature's package, render pages with
 * {@link ConsoleRequest#render} from a jte template that wraps its content in
 * {@code @template.console.layout(page = page, content = @`…`)}, put the words in
 * {@code messages_ja.properties} and {@code messages_en.properties} beside the class, and add an
 * instance to the list in {@code Hub.consoleSections}.
 */
public interface ConsoleSection {
  /** The URL segment, {@code /console/{id}}: lower-case letters, digits and '-'. */
  String id();

  /** The message key of the section's name (navigation and page heading). */
  String titleKey();

  /**
   * Who may open any of its pages (administrators always may). A route can narrow this further
   * ({@link ConsoleRoutes#get(String, Set, ConsoleHandler)}).
   */
  Set<StaffRole> roles();

  /** Adds the section's pages; paths are relative to {@code /console/{id}}. */
  void routes(ConsoleRoutes routes);

  /**
   * The section's message bundle: {@code BASE_ja.properties} and {@code BASE_en.properties} as class-path
   * resources (UTF-8). Default: {@code messages} in the section's own package.
   */
  default String bundle() {
    return getClass().getPackageName().replace('.', '/') + "/messages";
  }
}
