package dev.kubectlqperf.plugin.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RightsCheckTest {

  @Test
  void eachCommandPassesOrNamesWhatIsDeniedAndTheRoleThatGrantsIt() {
    Map<String, List<Access>> needs = RightsCheck.needs(false);
    Map<Access, Fetched<Boolean>> answers = new HashMap<>();
    needs.values().stream().flatMap(List::stream).forEach(a -> answers.put(a, Fetched.of(true)));
    answers.put(new Access("get", "", "pods", "log"), Fetched.of(false));
    answers.put(new Access("delete", "perf.kubestone.xridge.io", "qperves", ""), Fetched.of(false));
    List<Finding> f = RightsCheck.evaluate("bench", "alice", needs, answers);
    assertEquals(List.of("rights: create", "rights: get", "rights: logs", "rights: delete"),
        f.stream().map(Finding::check).toList());
    assertEquals(List.of(Status.PASS, Status.PASS, Status.FAIL, Status.FAIL), f.stream().map(Finding::status).toList());
    assertEquals("may not get pods/log in bench", f.get(2).detail());
    assertEquals("an admin grants it: kubectl create role qperf-delete -n bench --verb=delete "
        + "--resource=qperves.perf.kubestone.xridge.io && kubectl create rolebinding qperf-delete -n bench "
        + "--role=qperf-delete --user=alice", f.get(3).fix());
  }

  @Test
  void reviewsThatFailedAreWarningsAndTheProbeAddsItsNeeds() {
    Map<String, List<Access>> needs = RightsCheck.needs(true);
    assertEquals(5, needs.size());
    Map<Access, Fetched<Boolean>> answers = new HashMap<>();
    needs.values().stream().flatMap(List::stream).forEach(a -> answers.put(a, Fetched.failed("no answer")));
    RightsCheck.evaluate("bench", null, needs, answers).forEach(f -> assertEquals(Status.WARN, f.status()));
  }
}
