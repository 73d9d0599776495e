package dev.kubectlqperf.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.kubectlqperf.model.testing.PackageCycles;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The packages of this module import one another one way only. */
class PackageStructureTest {

  private static final String ROOT = "dev.kubectlqperf.plugin";

  /** Top to bottom, as package-info.java lists them: a package may import only those after it. */
  private static final List<String> LAYERS = List.of("", ".command", ".matrix", ".schedule", ".doctor", ".helper", ".run", ".spec", ".diagnosis", ".output", ".option",
      ".completion", ".context", ".kube", ".failure");

  @Test
  void packagesFormNoCycle() {
    PackageCycles.assertNoneUnder(ROOT);
  }

  @Test
  void importsPointDownTheDocumentedLayers() {
    var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
    TreeSet<String> upward = new TreeSet<>();
    for (JavaClass from : classes) {
      for (Dependency d : from.getDirectDependenciesFromSelf()) {
        int source = layer(from.getPackageName());
        int target = layer(d.getTargetClass().getPackageName());
        if (target >= 0 && target < source) {
          upward.add(from.getPackageName() + " -> " + d.getTargetClass().getPackageName());
        }
      }
    }
    assertEquals(new TreeSet<String>(), upward, "imports pointing up the layers of package-info.java");
  }

  /** The layer of a package of this module (-1 outside it); a new package must be placed in the list. */
  private static int layer(String pkg) {
    if (!pkg.equals(ROOT) && !pkg.startsWith(ROOT + ".")) {
      return -1;
    }
    int index = LAYERS.indexOf(pkg.substring(ROOT.length()));
    if (index < 0) {
      throw new AssertionError(pkg + " is in no layer: add it to LAYERS and package-info.java");
    }
    return index;
  }
}
