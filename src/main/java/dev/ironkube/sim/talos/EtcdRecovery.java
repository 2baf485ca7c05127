package dev.ironkube.sim.talos;

import java.util.Optional;

/**
 * What a control plane keeps for an etcd recovery: the snapshot EtcdRecover uploaded (upstream
 * writes it to {@code /var/lib/etcd.snapshot} on EPHEMERAL and deletes it once restored), and why
 * the last recovering bootstrap's etcd failed, which its ServiceList then reports. Guarded by
 * itself; a wipe of EPHEMERAL forgets both.
 */
final class EtcdRecovery {
  private byte[] uploaded;
  private String failure;

  synchronized void upload(byte[] snapshot) {
    uploaded = snapshot.clone();
  }

  /** The uploaded snapshot, removed: etcd's restore consumes it. */
  synchronized Optional<byte[]> take() {
    byte[] s = uploaded;
    uploaded = null;
    return Optional.ofNullable(s);
  }

  synchronized Optional<byte[]> peek() {
    return Optional.ofNullable(uploaded);
  }

  /** A restore succeeded: etcd runs again, whatever an earlier attempt left. */
  synchronized void recovered() {
    failure = null;
  }

  synchronized void failed(String why) {
    failure = why;
  }

  synchronized Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  synchronized void wipe() {
    uploaded = null;
    failure = null;
  }
}
