package dev.kubectlqperf.model.qperf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionSplitterTest {

  @Test
  void splitsOnSpacesAndTabsOnly() {
    assertEquals(List.of("--verbose", "--time", "10"), OptionSplitter.split("--verbose --time 10"));
    assertEquals(List.of("-v", "-t", "3"), OptionSplitter.split("  -v\t-t   3 "));
    assertEquals(List.of("a\nb"), OptionSplitter.split("a\nb"), "newline is not a separator in qsplit");
  }

  @Test
  void emptyOrNullGivesNoWords() {
    assertEquals(List.of(), OptionSplitter.split(""));
    assertEquals(List.of(), OptionSplitter.split(null));
    assertEquals(List.of(), OptionSplitter.split(" \t "));
  }

  @Test
  void quotesGroupAndAreStripped() {
    assertEquals(List.of("-oo", "msg_size:1:4K:*2"), OptionSplitter.split("-oo 'msg_size:1:4K:*2'"));
    assertEquals(List.of("a b", "c"), OptionSplitter.split("\"a b\" c"));
    assertEquals(List.of("x y"), OptionSplitter.split("`x y`"));
    assertEquals(List.of("x y", "z"), OptionSplitter.split("«x y» z"));
    assertEquals(List.of("x y"), OptionSplitter.split("「x y」"));
    assertEquals(List.of(""), OptionSplitter.split("''"));
  }

  @Test
  void quoteOpensOnlyAtAWordBoundary() {
    assertEquals(List.of("a'b", "c'"), OptionSplitter.split("a'b c'"));
  }

  @Test
  void closingQuoteEndsTheChunkAndQuotesDoNotNest() {
    assertEquals(List.of("ab", "cd"), OptionSplitter.split("'ab'cd"));
    assertEquals(List.of("a \"b"), OptionSplitter.split("'a \"b'"));
  }

  @Test
  void unclosedQuoteRunsToTheEnd() {
    assertEquals(List.of("-v", "x y "), OptionSplitter.split("-v 'x y "));
  }
}
