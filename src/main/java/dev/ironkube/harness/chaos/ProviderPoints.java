package dev.ironkube.harness.chaos;

/**
 * Where a provider's simulator consults its faults, so one catalogue entry strikes Latitude.sh and
 * Scaleway alike, and what each calls the same failure.
 *
 * @param reads every read ("latitude.GET *")
 * @param writes every create ("latitude.POST *")
 * @param serverRead the read of one server, polled while it deploys
 * @param create the server create
 * @param failedDeployment the create-fault whose server never deploys
 */
record ProviderPoints(
    String reads, String writes, String serverRead, String create, String failedDeployment) {

  static final ProviderPoints LATITUDE =
      new ProviderPoints(
          "latitude.GET *",
          "latitude.POST *",
          "latitude.GET /servers/{id}",
          "latitude.POST /servers",
          "failed-deployment");

  static final ProviderPoints SCALEWAY =
      new ProviderPoints(
          "scaleway.GET *",
          "scaleway.POST *",
          "scaleway.GET /baremetal/v1/zones/{zone}/servers/{server_id}",
          "scaleway.POST /baremetal/v1/zones/{zone}/servers",
          "install-failed");

  static ProviderPoints of(String provider) {
    return provider.equals("scaleway") ? SCALEWAY : LATITUDE;
  }
}
