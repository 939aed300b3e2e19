package jp.mynaterm.cli.demo;

import java.util.List;

/**
 * One part of {@code ./mynaterm demo}: the hub, the terminals, the virtual cards, … Each capability
 * joins the demo as a part; {@link DemoCommand} starts them in order and stops them in reverse.
 */
interface DemoPart extends AutoCloseable {

  /** Starts this part; returns one line per thing started, for the operator to read. */
  List<String> start(DemoContext context) throws Exception;

  @Override
  void close() throws Exception;
}
