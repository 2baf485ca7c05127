package dev.ironkube.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ironkube.settings.Secret;
import dev.ironkube.time.Sleeper;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries the build enforces, over the compiled main classes: the product never reaches the
 * simulator or the developer harnesses (they reach it, through {@code cli.SimulatedBackend} and
 * {@code cli.CommandContribution}); the product's packages form no cycle; the workflow core knows
 * only its ports and the small packages below it.
 */
class BoundaryArchitectureTest {
  private static final String SIM = "dev.ironkube.sim..";
  private static final String HARNESS = "dev.ironkube.harness..";

  private static JavaClasses main;
  private static JavaClasses product;

  /**
   * One import of the main classes, without the generated protobuf and gRPC stubs: they are half
   * the classes and depend only on each other and their libraries.
   */
  @BeforeAll
  static void importClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .withImportOption(location -> !location.contains("/proto/"))
            .importPackages("dev.ironkube");
    product = main.that(JavaClass.Predicates.resideOutsideOfPackages(SIM, HARNESS));
  }

  @Test
  void theProductDependsOnNeitherSimulatorNorHarness() {
    noClasses()
        .that()
        .resideOutsideOfPackages(SIM, HARNESS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SIM, HARNESS)
        .because("the product must build and run without the simulator and the harnesses")
        .check(main);
  }

  @Test
  void theSimulatorDependsOnNoHarness() {
    noClasses()
        .that()
        .resideInAPackage(SIM)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(HARNESS)
        .because("the harnesses drive the simulator, not the other way round")
        .check(main);
  }

  @Test
  void theProductsPackagesFormNoCycle() {
    slices().matching("dev.ironkube.(**)").should().beFreeOfCycles().check(product);
  }

  /**
   * The simulated datacenter's root package holds the types its services share (faults, time model,
   * request log); the assembled datacenter lives in {@code sim.launch}, so no service package
   * depends back on a root type that depends on it.
   */
  @Test
  void theSimulatorsPackagesFormNoCycle() {
    slices()
        .matching("dev.ironkube.(**)")
        .should()
        .beFreeOfCycles()
        .check(main.that(JavaClass.Predicates.resideInAPackage(SIM)));
  }

  /**
   * The product waits only through {@code time.Sleeper} (whose {@code SYSTEM} is the one real
   * sleep) and reads time only from an injected {@link java.time.Clock}: a loop on {@code
   * Thread.sleep} or {@code System.nanoTime} would escape the tests' control of time and the run's
   * cancellation. Deadline loops are {@code time.Poller}'s.
   */
  @Test
  void theProductSleepsAndReadsTimeOnlyThroughTheInjectedSleeperAndClock() {
    noClasses()
        .that()
        .resideOutsideOfPackages(SIM, HARNESS)
        .and()
        .doNotBelongToAnyOf(Sleeper.class)
        .should()
        .callMethod(Thread.class, "sleep", long.class)
        .orShould()
        .callMethod(Thread.class, "sleep", long.class, int.class)
        .orShould()
        .callMethod(Thread.class, "sleep", Duration.class)
        .orShould()
        .callMethod(TimeUnit.class, "sleep", long.class)
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .because("waits are time.Poller's, on a clock and sleeper that tests and Ctrl-C control")
        .check(main);
  }

  /** The only places a credential's value leaves its {@link Secret}: where it is sent or stored. */
  private static final Set<String> WHERE_SECRETS_ARE_SENT =
      Set.of(
          "dev.ironkube.provider.latitude.LatitudeClient", // Authorization: Bearer
          "dev.ironkube.provider.scaleway.ScalewayClient", // X-Auth-Token
          "dev.ironkube.dns.cloudflare.CloudflareClient", // Authorization: Bearer
          "dev.ironkube.secrets.infisical.InfisicalClient", // Authorization, the renewal body
          "dev.ironkube.cli.SecretStoreBackfill", // into InfCredentials, the login body
          "dev.ironkube.store.CredentialStore", // the 0600 credentials file
          "dev.ironkube.platform.ProviderSecretManifests"); // the provider's Kubernetes Secret

  @Test
  void aSecretIsRevealedOnlyWhereItIsSentOrStored() {
    noClasses()
        .that(
            DescribedPredicate.describe(
                "are not where a credential is sent or stored",
                c -> !WHERE_SECRETS_ARE_SENT.contains(c.getName().split("\\$")[0])))
        .should()
        .callMethod(Secret.class, "reveal")
        .because("a credential travels redacted and is unwrapped only at the call that sends it")
        .check(main);
  }

  /**
   * Measured with jdeps before the rule was written: besides its ports the workflow core uses
   * Jackson (the journal's JSON) and {@code talos.pki} (SshKeys reads an OpenSSH key with
   * TalosPem).
   */
  @Test
  void theWorkflowCoreKnowsOnlyItsPortsAndTheSmallPackagesBelow() {
    classes()
        .that()
        .resideInAPackage("dev.ironkube.workflow..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.ironkube.workflow..",
            "dev.ironkube.provider",
            "dev.ironkube.settings..",
            "dev.ironkube.store..",
            "dev.ironkube.failure..",
            "dev.ironkube.time..",
            "dev.ironkube.talos.pki..",
            "java..",
            "com.fasterxml.jackson..")
        .because("the pipeline reaches every adapter through a port it owns")
        .check(main);
  }
}
