package dev.ironkube.provider;

/**
 * A resource at the provider, by kind and id. {@code name} is for humans and markers.
 *
 * @param kind "server", "project", "ssh_key", "tag", ...
 */
public record ResourceRef(String kind, String id, String name) {
  public static final String SERVER = "server";

  /** A container of the cluster's other resources, which the provider deletes only when empty. */
  public static final String PROJECT = "project";
}
