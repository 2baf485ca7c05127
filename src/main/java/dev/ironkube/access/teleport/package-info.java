/**
 * Teleport as the access path that replaces the operator's firewall allows: a Kube join token from
 * the Auth API (gRPC through the proxy's TLS routing, mutual TLS from an identity file), the
 * teleport-kube-agent manifests that carry it, and the wait for the agent to register.
 */
package dev.ironkube.access.teleport;
