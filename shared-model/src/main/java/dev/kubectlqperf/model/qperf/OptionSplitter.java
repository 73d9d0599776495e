package dev.kubectlqperf.model.qperf;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code spec.options} into words exactly as Kubestone did (qsplit): only space and tab
 * separate words; a quote opens only at a word boundary and closes at the first matching closer
 * (its chunk ends there); quotes do not nest, are stripped, and have no escapes; an unclosed
 * quote runs to the end.
 */
public final class OptionSplitter {

  private static final String OPENERS = "'\"`‹«「『";
  private static final String CLOSERS = "'\"`›»」』";

  private OptionSplitter() {}

  public static List<String> split(String options) {
    List<String> words = new ArrayList<>();
    if (options == null) {
      return words;
    }
    int[] cps = options.codePoints().toArray();
    boolean inWord = false;
    boolean inQuote = false;
    int closer = 0;
    int start = 0;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (inQuote) {
        if (c == closer) {
          inQuote = false;
          words.add(new String(cps, start, i - start));
        }
      } else if (c == ' ' || c == '\t') {
        if (inWord) {
          inWord = false;
          words.add(new String(cps, start, i - start));
        }
      } else if (!inWord) {
        int q = OPENERS.indexOf(c);
        if (q >= 0) {
          inQuote = true;
          closer = CLOSERS.codePointAt(CLOSERS.offsetByCodePoints(0, q));
          start = i + 1;
        } else {
          inWord = true;
          start = i;
        }
      }
    }
    if (inWord || inQuote) {
      words.add(new String(cps, start, cps.length - start));
    }
    return words;
  }
}
