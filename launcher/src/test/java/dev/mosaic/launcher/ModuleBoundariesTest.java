package dev.mosaic.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Services talk only through Kafka topics: none may use another service's code, and the shared
 * contract may use none of theirs. Only the launcher, which composes them, sees them all.
 */
class ModuleBoundariesTest {
  private static final List<String> SERVICES =
      List.of("collector", "aggregator", "storagebridge", "stateengine", "notifier");

  private static final JavaClasses MOSAIC =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.mosaic");

  static List<String> services() {
    return SERVICES;
  }

  @ParameterizedTest
  @MethodSource("services")
  void aServiceUsesNoOtherServicesCode(String service) {
    String[] others =
        SERVICES.stream()
            .filter(s -> !s.equals(service))
            .map(s -> "dev.mosaic." + s + "..")
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage("dev.mosaic." + service + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .check(MOSAIC);
  }

  @Test
  void theContractUsesNoServiceCode() {
    noClasses()
        .that()
        .resideInAPackage("dev.mosaic.contract..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            SERVICES.stream().map(s -> "dev.mosaic." + s + "..").toArray(String[]::new))
        .check(MOSAIC);
  }
}
