package dev.ironkube.talos.api;

import java.util.List;

/**
 * One member's view of etcd as {@code MachineService/EtcdStatus} reports it (siderolabs/talos
 * v1.11.6 {@code EtcdMemberStatus}: the etcd client's Status answer for localhost:2379).
 *
 * @param memberId this member's id
 * @param leader the member id this member follows (equal to {@code memberId} on the leader)
 * @param dbSize the backend's size in bytes
 * @param errors etcd's alarms and errors as strings ("NOSPACE", ...); empty when none
 */
public record EtcdStatusInfo(
    long memberId,
    String protocolVersion,
    long dbSize,
    long leader,
    long raftIndex,
    List<String> errors,
    boolean learner) {

  public EtcdStatusInfo {
    errors = List.copyOf(errors);
  }
}
