package dev.ironkube.provider.scaleway;

import java.util.List;

/**
 * Body of {@code POST /baremetal/v1/zones/{zone}/servers}: order and install in one call, so the
 * install starts by itself once the hardware is delivered.
 *
 * @param userData the cloud-init payload, standard base64 with padding (a JSON string of bytes)
 */
public record ScwNewServer(
    String offerId,
    String projectId,
    String name,
    String description,
    List<String> tags,
    Install install,
    String userData) {

  /** {@code ssh_key_ids} is mandatory for the Linux installs the pivot starts from. */
  public record Install(String osId, String hostname, List<String> sshKeyIds) {}
}
