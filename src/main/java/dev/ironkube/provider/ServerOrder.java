package dev.ironkube.provider;

/**
 * One server to order.
 *
 * @param cluster whose markers it carries
 * @param hostname the node's hostname (starts with the cluster's prefix)
 * @param plan the plan slug
 * @param site the site/zone slug
 * @param boot how the server gets Talos
 */
public record ServerOrder(
    ClusterIdentity cluster, String hostname, String plan, String site, TalosBoot boot) {}
