package dev.ironkube.talos.api;

import java.util.List;

/** One etcd member as {@code MachineService/EtcdMemberList} reports it. */
public record EtcdMemberInfo(
    long id, String hostname, List<String> peerUrls, List<String> clientUrls, boolean learner) {}
