package dev.ironkube.talos.config;

/** The machine.type values ironkube writes; "init" is legacy and never used. */
public enum NodeRole {
  CONTROLPLANE("controlplane"),
  WORKER("worker");

  private final String machineType;

  NodeRole(String machineType) {
    this.machineType = machineType;
  }

  public String machineType() {
    return machineType;
  }
}
