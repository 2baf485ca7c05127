package dev.ironkube.provider.latitude;

/** A resource to create: JSON:API wants the type next to the attributes and no id. */
public record LatNewResource<A>(String type, A attributes) {}
