package dev.ironkube.cli;

import java.util.List;

/**
 * Library log lines are the libraries' narration, not ours: fabric8's "unstable version" warning
 * (SLF4J, bound to slf4j-simple, which writes to stderr), the JDK's and BouncyCastle's
 * java.util.logging records. A user sees them only with -x/--verbose. Both frameworks are set up
 * once per JVM, so this runs once at the process entry, before any library logs; a setting the user
 * gave on the java command line wins.
 *
 * <p>java.util.logging is not started here: its LogManager took 22 ms of a traced `plans`, and most
 * commands never log. Naming {@link Silent} as its configuration class instead means that, should a
 * library log, the manager starts with no handler at all rather than the console one of the JDK's
 * logging.properties.
 */
final class LibraryLogging {
  /** slf4j-simple's default level, read when its first logger is made. */
  static final String SLF4J_SIMPLE_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private LibraryLogging() {}

  static void configure(String[] args) {
    if (verbose(args)) {
      return;
    }
    if (System.getProperty(SLF4J_SIMPLE_LEVEL) == null) {
      System.setProperty(SLF4J_SIMPLE_LEVEL, "off");
    }
    // With no handler on the root logger no record is printed, whatever level a library set on its
    // own logger (TalosTls lets BouncyCastle's severe through).
    if (System.getProperty(JUL_CONFIG_CLASS) == null
        && System.getProperty(JUL_CONFIG_FILE) == null) {
      System.setProperty(JUL_CONFIG_CLASS, Silent.class.getName());
    }
  }

  /** java.util.logging's configuration hooks, read when its LogManager starts. */
  static final String JUL_CONFIG_CLASS = "java.util.logging.config.class";

  static final String JUL_CONFIG_FILE = "java.util.logging.config.file";

  /**
   * The configuration of a run without --verbose: nothing. The LogManager instantiates a
   * configuration class instead of reading logging.properties, so the root logger gets no handler.
   */
  public static final class Silent {
    public Silent() {
      // Nothing to read: no handler is the whole configuration.
    }
  }

  /**
   * Whether the arguments ask for -x/--verbose, alone or clustered with -y; options end at "--".
   */
  static boolean verbose(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (List.of("-x", "--verbose").contains(arg)
          || (arg.matches("-[xy]+") && arg.contains("x"))) {
        return true;
      }
    }
    return false;
  }
}
