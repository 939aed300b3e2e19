package jp.mynaterm.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import jp.mynaterm.archfixture.cycle.a.Ping;
import jp.mynaterm.hardware.archfixture.HardwareUsingAgent;
import jp.mynaterm.hub.archfixture.HubUsingTerminalCode;
import jp.mynaterm.protocol.archfixture.ProtocolUsingHardware;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link Architecture} reports a class that breaks it: the production classes plus the
 * test-only classes in {@code archfixture} packages, each of which breaks one rule on purpose.
 */
class ArchitectureRulesCanFailTest {
  private static JavaClasses withBreakingClasses;

  @BeforeAll
  static void importEveryModuleAndTheBreakingClasses() {
    ImportOption production = Architecture.PRODUCTION;
    withBreakingClasses =
        new ClassFileImporter()
            .withImportOption(location -> production.includes(location) || location.contains("/archfixture/"))
            .importPackages(Architecture.ROOT);
  }

  @Test
  void aPackageCycleIsReported() {
    assertReports(Architecture.NO_PACKAGE_CYCLES, Ping.class);
  }

  @Test
  void theHubUsingTerminalCodeIsReported() {
    assertReports(Architecture.HUB_IMPORTS_NO_TERMINAL_CODE, HubUsingTerminalCode.class);
  }

  @Test
  void theProtocolUsingHardwareIsReported() {
    assertReports(Architecture.PROTOCOL_IMPORTS_NO_HARDWARE, ProtocolUsingHardware.class);
  }

  @Test
  void aModuleUsingOneAboveItIsReported() {
    assertReports(Architecture.MODULES_DEPEND_ONE_WAY, HardwareUsingAgent.class);
    assertReports(Architecture.MODULES_DEPEND_ONE_WAY, HubUsingTerminalCode.class);
  }

  private static void assertReports(ArchRule rule, Class<?> breaking) {
    EvaluationResult result = rule.evaluate(withBreakingClasses);
    assertTrue(
        result.getFailureReport().getDetails().stream().anyMatch(d -> d.contains(breaking.getName())),
        () -> "'" + rule.getDescription() + "' did not report " + breaking.getName() + ": " + result.getFailureReport());
  }
}
