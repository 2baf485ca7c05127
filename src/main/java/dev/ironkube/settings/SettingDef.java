package dev.ironkube.settings;

/**
 * One setting: its path in the cluster document, the environment variable that sets it, its
 * default, and whether it is a secret (masked everywhere, never read from the document).
 *
 * @param path dotted path in the document ("spec.plan")
 * @param env environment variable, or empty when none
 * @param defaultValue default, or null when the setting has none
 * @param type how the value is parsed and checked
 * @param description one line for `config show` and the docs
 */
public record SettingDef(
    String path, String env, String defaultValue, Type type, boolean secret, String description) {

  /** How a raw value is read. */
  public enum Type {
    STRING,
    NAME,
    URL,
    DURATION,
    LIST,
    CIDR_LIST,
    CIDR,
    BOOLEAN,
    CHOICE,
    /** A mapping or list kept as YAML text and read by its own parser (node pools). */
    STRUCTURED
  }

  public boolean isList() {
    return type == Type.LIST || type == Type.CIDR_LIST;
  }
}
