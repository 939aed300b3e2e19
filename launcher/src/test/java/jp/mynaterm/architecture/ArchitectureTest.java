package jp.mynaterm.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production classes of every module keep the project's architecture ({@link Architecture}). */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importEveryModule() {
    production = new ClassFileImporter().withImportOption(Architecture.PRODUCTION).importPackages(Architecture.ROOT);
  }

  @Test
  void noPackageCycleInAnyModule() {
    Architecture.NO_PACKAGE_CYCLES.check(production);
  }

  @Test
  void theHubImportsNoTerminalCode() {
    Architecture.HUB_IMPORTS_NO_TERMINAL_CODE.check(production);
  }

  @Test
  void theProtocolImportsNoHardware() {
    Architecture.PROTOCOL_IMPORTS_NO_HARDWARE.check(production);
  }

  @Test
  void modulesDependOneWay() {
    Architecture.MODULES_DEPEND_ONE_WAY.check(production);
  }
}
