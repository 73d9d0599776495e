package dev.kubectlqperf.plugin;

import dev.kubectlqperf.model.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of this module import one another one way only. */
class PackageStructureTest {

  @Test
  void packagesFormNoCycle() {
    PackageCycles.assertNoneUnder("dev.kubectlqperf.plugin");
  }
}
