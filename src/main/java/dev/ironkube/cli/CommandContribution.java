package dev.ironkube.cli;

import java.util.List;
import java.util.ServiceLoader;

/**
 * A command that code outside the product adds to the command tree: the simulator's {@code sim} and
 * the developer harnesses under it. Registered in {@code META-INF/services}, read only when a run
 * asks for a command the product does not name itself (or for the whole tree), so the product's own
 * commands never load the simulator's or the harnesses' classes.
 */
public interface CommandContribution {
  /** The name of the top of the tree, the parent of the top-level commands. */
  String ROOT = "ironkube";

  /** {@link #ROOT}, or the name of a top-level command this one goes under (such as "sim"). */
  String parent();

  /** The command's name, as users type it. */
  String name();

  /** The picocli command class; built by the command factory, so it may take a CliEnvironment. */
  Class<?> command();

  /** Every contribution on the class path, in class-path order. */
  static List<CommandContribution> all() {
    return ServiceLoader.load(CommandContribution.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }
}
