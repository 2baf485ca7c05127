/**
 * Phase 8: the platform stack on a new single-node Talos cluster, through the Kubernetes API only.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link dev.ironkube.platform.PlatformSpec#defaults()} and {@link
 *       dev.ironkube.platform.PlatformSpecMapper#fromMap(java.util.Map)}: every pinned version and
 *       chart coordinate, overridable from flat settings keys;
 *   <li>{@link dev.ironkube.platform.CiliumManifests#inlineManifests(PlatformSpec)}: the CNI as
 *       Talos {@code cluster.inlineManifests} (name to YAML), for the machine-config generator,
 *       which must also set {@code cluster.network.cni.name: none}, {@code cluster.proxy.disabled:
 *       true}, KubePrism on 7445 and the kubelet bind mount of {@link
 *       dev.ironkube.platform.PlatformSpec#localPathHostPath()};
 *   <li>{@link dev.ironkube.platform.KubeConnection#fromKubeconfig(String)} then {@link
 *       dev.ironkube.platform.PlatformInstaller#install}: applies and awaits every component and
 *       returns a {@link dev.ironkube.platform.PlatformReport};
 *   <li>{@link dev.ironkube.platform.PlatformPlan#components}: the same objects without a cluster,
 *       for --dry-run output.
 * </ul>
 *
 * <p>fabric8 types never leave this package.
 */
package dev.ironkube.platform;
