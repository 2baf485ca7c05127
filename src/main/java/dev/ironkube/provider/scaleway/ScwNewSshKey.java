package dev.ironkube.provider.scaleway;

/** Body of {@code POST /iam/v1alpha1/ssh-keys}. */
public record ScwNewSshKey(String name, String publicKey, String projectId) {}
