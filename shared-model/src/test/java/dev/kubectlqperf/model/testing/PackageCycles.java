package dev.kubectlqperf.model.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * Fails when the packages under a root import each other in a circle, the root package itself
 * included: arrows between packages must point one way, so each layer can be read and changed
 * without the ones above it.
 */
public final class PackageCycles {

  private PackageCycles() {}

  public static void assertNoneUnder(String rootPackage) {
    var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(rootPackage);
    SlicesRuleDefinition.slices().assignedFrom(new EachPackage(rootPackage)).should().beFreeOfCycles()
        .check(classes);
  }

  /** One slice per package, so the root package counts as a layer like any other. */
  private record EachPackage(String root) implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      return pkg.equals(root) || pkg.startsWith(root + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "packages under " + root;
    }
  }
}
