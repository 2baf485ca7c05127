/**
 * The Talos machine API client: one {@link dev.ironkube.talos.api.TalosClient} per node, dialled
 * directly on port 50000 with no proxy metadata. Maintenance mode uses TLS without verification
 * (the only trust-all code in ironkube); a configured node uses mTLS with a talosconfig identity.
 * Protobuf classes under {@code dev.ironkube.talos.api.proto} are generated from our own .proto
 * files in src/main/protobuf, which keep Talos's package, service and field numbers.
 */
package dev.ironkube.talos.api;
