package dev.ironkube.provider.scaleway;

/**
 * An operating system Scaleway can install. The Talos pivot runs from the installed OS's
 * cloud-init, so only OSes with {@code cloud_init_supported} qualify.
 */
public record ScwOs(
    String id,
    String name,
    String version,
    Boolean cloudInitSupported,
    Boolean enabled,
    Boolean allowed,
    Field ssh) {

  public boolean usableForPivot() {
    return Boolean.TRUE.equals(cloudInitSupported)
        && !Boolean.FALSE.equals(enabled)
        && !Boolean.FALSE.equals(allowed);
  }

  /** Whether the install must be given SSH keys (true for every Linux in the recordings). */
  public boolean sshRequired() {
    return ssh != null && Boolean.TRUE.equals(ssh.required());
  }

  public record Field(Boolean editable, Boolean required) {}
}
