package dev.ironkube.provider.latitude;

/** The single-resource envelope, {@code {"data": …, "meta": {}}}, in both directions. */
public record LatDocument<T>(T data) {}
