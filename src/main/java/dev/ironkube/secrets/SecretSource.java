package dev.ironkube.secrets;

import java.util.Map;

/**
 * A store ironkube reads settings from (Infisical, Vault, ...). It only fills settings still
 * missing after file, environment and flags; see {@link SecretBackfill}.
 */
public interface SecretSource {

  /**
   * The store's name and location for messages, never a credential ("Infisical project p/prod").
   */
  String describe();

  /**
   * Every secret visible to ironkube, name → value. Values are secrets: callers hand them to
   * settings and never print them.
   */
  Map<String, String> fetch();
}
