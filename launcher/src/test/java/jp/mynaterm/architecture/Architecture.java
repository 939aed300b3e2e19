package jp.mynaterm.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The project's architecture as ArchUnit rules over the compiled classes of every module (the
 * launcher's tests see them all). {@link ArchitectureTest} checks them against the code; {@link
 * ArchitectureRulesCanFailTest} shows that each one reports a class that breaks it.
 */
final class Architecture {
  private Architecture() {}

  /**
   * Production classes only: ArchUnit's own option leaves out test-classes directories but not a
   * module's test jar (the launcher's tests use the hub's PkiFixtures from it).
   */
  static final com.tngtech.archunit.core.importer.ImportOption PRODUCTION = location ->
      new com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests().includes(location) && !location.contains("-tests.jar");

  static final String ROOT = "jp.mynaterm";

  /**
   * No package cycle anywhere: every package is its own slice. The one ignored dependency is the
   * launcher's composition root (Main), which names every command family.
   */
  static final ArchRule NO_PACKAGE_CYCLES =
      slices()
          .matching(ROOT + ".(**)")
          .should()
          .beFreeOfCycles()
          // Main is the launcher's composition root: it names every command family, which in turn use
          // the shared bits beside Main (Launch, ExitCodes). That is the one way in, not a cycle.
          .ignoreDependency(JavaClass.Predicates.equivalentTo(jp.mynaterm.cli.Main.class), resideInAPackage(ROOT + ".cli.."));

  /** The hub is the other end of the wire: it knows terminals only through the protocol. */
  static final ArchRule HUB_IMPORTS_NO_TERMINAL_CODE =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".hub..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT + ".agent..", ROOT + ".kiosk..", ROOT + ".hardware..")
          .because("the hub runs without terminal code and speaks to terminals only through the protocol");

  /** What both sides compile against is pure Java: no devices. */
  static final ArchRule PROTOCOL_IMPORTS_NO_HARDWARE =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT + ".hardware..")
          .because("the protocol is what terminals and the hub agree on, with no hardware");

  /**
   * The modules' direction, as the root pom.xml states it: config, protocol ← hardware ←
   * terminal-agent ← kiosk; the hub uses only config and protocol; the launcher ties every role.
   */
  static final ArchRule MODULES_DEPEND_ONE_WAY =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("config").definedBy(ROOT + ".config..")
          .layer("protocol").definedBy(ROOT + ".protocol..")
          .layer("hardware").definedBy(ROOT + ".hardware..")
          .layer("terminal-agent").definedBy(ROOT + ".agent..")
          .layer("kiosk").definedBy(ROOT + ".kiosk..")
          .layer("hub").definedBy(ROOT + ".hub..")
          .layer("launcher").definedBy(ROOT + ".cli..")
          .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
          .whereLayer("hub").mayOnlyBeAccessedByLayers("launcher")
          .whereLayer("kiosk").mayOnlyBeAccessedByLayers("launcher")
          .whereLayer("terminal-agent").mayOnlyBeAccessedByLayers("kiosk", "launcher")
          .whereLayer("hardware").mayOnlyBeAccessedByLayers("terminal-agent", "kiosk", "launcher")
          .whereLayer("protocol").mayOnlyBeAccessedByLayers("hardware", "terminal-agent", "kiosk", "hub", "launcher")
          .whereLayer("config").mayOnlyBeAccessedByLayers("hardware", "terminal-agent", "kiosk", "hub", "launcher");
}
