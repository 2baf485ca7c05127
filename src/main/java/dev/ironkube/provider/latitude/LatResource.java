package dev.ironkube.provider.latitude;

/**
 * A JSON:API resource object as Latitude sends it: an opaque prefixed id ("sv_…", "proj_…"), a
 * type, and the attributes.
 */
public record LatResource<A>(String id, String type, A attributes) {}
