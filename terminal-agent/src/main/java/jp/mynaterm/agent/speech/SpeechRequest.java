package jp.mynaterm.agent.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One sentence a page asks a terminal to speak ({@code say=key|arg|arg}, repeated): only keys of the
 * page's own words and short plain arguments (an amount, a queue number, tries left), so no caller
 * can have the terminal say anything else, nor fill its speech cache. The kiosk and the counters'
 * resident pages read their requests with it; each says the sentence in its own words.
 */
public record SpeechRequest(String key, List<String> args) {
  public static final int ARGS = 3;
  private static final Pattern ARG = Pattern.compile("[A-Za-z0-9-]{1,40}");

  /**
   * @param parts the request's {@code say} values
   * @param maxParts how many sentences one answer may join
   * @param knownKey whether a key is one of the page's words
   * @throws Invalid for anything else (the page answers 400)
   */
  public static List<SpeechRequest> parse(List<String> parts, int maxParts, Predicate<String> knownKey) {
    if (parts.isEmpty() || parts.size() > maxParts) throw new Invalid("speech takes 1 to " + maxParts + " sentences");
    List<SpeechRequest> out = new ArrayList<>(parts.size());
    for (String part : parts) {
      List<String> p = List.of(part.split("\\|", -1));
      if (!knownKey.test(p.getFirst())) throw new Invalid("no such sentence: " + p.getFirst());
      List<String> args = p.subList(1, p.size());
      if (args.size() > ARGS || !args.stream().allMatch(a -> ARG.matcher(a).matches())) {
        throw new Invalid("a sentence takes up to " + ARGS + " arguments of letters, digits and '-' (up to 40)");
      }
      out.add(new SpeechRequest(p.getFirst(), List.copyOf(args)));
    }
    return out;
  }

  /** A request that is not one of the page's sentences: the page answers 400 with the message. */
  public static final class Invalid extends IllegalArgumentException {
    public Invalid(String message) {
      super(message);
    }
  }
}
