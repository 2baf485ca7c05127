package dev.ironkube.provider.latitude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironkube.failure.UserInputException;
import dev.ironkube.http.RecordingSleeper;
import dev.ironkube.provider.ClusterIdentity;
import dev.ironkube.provider.Requirement;
import dev.ironkube.provider.ResourceRef;
import dev.ironkube.provider.ServerOrder;
import dev.ironkube.provider.TalosBoot;
import dev.ironkube.settings.Secret;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parts of the adapter that need no answers from Latitude. */
class LatitudeProviderOfflineTest {
  private static final ClusterIdentity CLUSTER = new ClusterIdentity("demo");

  private final LatitudeProvider provider =
      new LatitudeProvider(
          new LatitudeClient(
              LatitudeClient.transport(URI.create("http://127.0.0.1:9"), Secret.of("k"))
                  .sleeper(new RecordingSleeper())
                  .build()),
          () -> "ssh-ed25519 AAAA test");

  @Test
  void notesPlansThatCannotBootIpxe() {
    LatResource<LatPlan> plan =
        new LatResource<>(
            "plan_x",
            "plans",
            new LatPlan(
                "c1-tiny-x86",
                "c1.tiny.x86",
                List.of(),
                null,
                List.of(
                    new LatPlan.CountryOffer(
                        "Brazil",
                        new LatPlan.Locations(List.of("SAO"), List.of("SAO")),
                        "high",
                        Map.of("USD", new LatPlan.Price(new BigDecimal("0.1"), null, null))))));

    assertThat(PlanOffers.of(plan, Optional.of(Set.of("c2.small.x86"))))
        .singleElement()
        .satisfies(o -> assertThat(o.note()).isEqualTo(PlanOffers.NO_IPXE));
    assertThat(PlanOffers.of(plan, Optional.empty()))
        .singleElement()
        .satisfies(o -> assertThat(o.note()).isEmpty());
  }

  @Test
  void requiresAProjectAndAnSshKeyNamedAfterTheCluster() {
    List<Requirement> requirements = provider.requirements(CLUSTER);

    assertThat(requirements).extracting(Requirement::kind).containsExactly("project", "ssh_key");
    assertThat(requirements).extracting(Requirement::name).containsOnly("ironkube-demo");
    assertThat(requirements.getFirst().attributes().get("description")).contains("ironkube");
  }

  @Test
  void refusesAHostnameLatitudeWouldRejectBeforeAnyCall() {
    ServerOrder order =
        new ServerOrder(
            CLUSTER,
            "a-cluster-name-that-is-far-too-long-cp-1",
            "c2-small-x86",
            "MIA2",
            new TalosBoot("v1.11.5", "id", "https://pxe/x", "https://raw/x"));

    assertThatThrownBy(
            () -> provider.order(order, List.of(new ResourceRef("project", "proj_1", "p"))))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("a-cluster-name-that-is-far-too-long-cp-1");
  }
}
