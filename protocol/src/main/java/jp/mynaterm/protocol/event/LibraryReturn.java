package jp.mynaterm.protocol.event;

import static jp.mynaterm.protocol.Fields.*;


/** An item was returned at the counter. */
public record LibraryReturn(String item, boolean offline, boolean accepted) implements UsageEvent {
  public LibraryReturn {
    text("item", item);
  }
}
