package jp.mynaterm.hub.fleet;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.sql.SQLException;
import java.util.Map;

/**
 * The console's fleet page (issue #18 §2): the alerts first, then a table of every terminal
 * ({@link FleetView}). HTML from the jte template {@code src/main/jte/fleet/fleet.jte} (every value
 * escaped), Japanese or English.
 */
public final class FleetPage {
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

  /** What the template shows. */
  public record View(boolean en, FleetView.Fleet fleet) {
    public String t(String ja, String english) {
      return en ? english : ja;
    }

    public String alert(FleetAlert a) {
      return en ? a.en() : a.ja();
    }
  }

  private final FleetView view;

  public FleetPage(FleetView view) {
    this.view = view;
  }

  /** What the page shows now, in Japanese or English. */
  public View view(boolean en) throws SQLException {
    return new View(en, view.read());
  }

  /** The page's body alone (what the console's section shows inside its layout), in Japanese or English. */
  public String render(boolean en) throws SQLException {
    StringOutput out = new StringOutput();
    TEMPLATES.render("fleet/fleet.jte", Map.of("view", view(en)), out);
    return out.toString();
  }
}
