/**
 * Day-two operations on a provisioned cluster (issue #15): health checks, credentials renewal, etcd
 * backup and restore. They read the cluster's local files (journal, talosconfig, kubeconfig,
 * secrets bundle) and speak the Talos and Kubernetes APIs; commands in {@code cli} call them.
 */
package dev.ironkube.lifecycle;
