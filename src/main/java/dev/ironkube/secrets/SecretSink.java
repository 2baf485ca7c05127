package dev.ironkube.secrets;

/** A store ironkube writes a cluster's credentials back to, so the next run reuses its PKI. */
public interface SecretSink {

  /** Creates the secret, or replaces its value when it exists. */
  void put(String name, String value);

  /** Deletes the secret; one that does not exist counts as deleted. */
  void delete(String name);
}
