package dev.ironkube.talos.api;

/**
 * One Talos system service as {@code MachineService/ServiceList} reports it.
 *
 * @param id service id ("etcd", "kubelet", "apid", ...)
 * @param state "Running", "Preparing", "Waiting", "Finished", "Failed", ...
 * @param healthy whether the health check passes
 * @param healthUnknown whether the service has no health check result yet
 * @param lastMessage the last health message, may be empty
 */
public record ServiceStatus(
    String id, String state, boolean healthy, boolean healthUnknown, String lastMessage) {

  /** Running with a passing health check: what readiness waits for. */
  public boolean runningAndHealthy() {
    return "Running".equals(state) && healthy;
  }

  /** For error messages and progress lines. */
  public String describe() {
    String health = healthUnknown ? "health unknown" : healthy ? "healthy" : "unhealthy";
    return state + ", " + health + (lastMessage.isEmpty() ? "" : " (" + lastMessage + ")");
  }
}
