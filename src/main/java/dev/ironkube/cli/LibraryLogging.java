package dev.ironkube.cli;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;

/**
 * Library log lines are the libraries' narration, not ours: fabric8's "unstable version" warning
 * (SLF4J, bound to slf4j-simple, which writes to stderr), the JDK's and BouncyCastle's
 * java.util.logging records. A user sees them only with -x/--verbose. Both frameworks are set up
 * once per JVM, so this runs once at the process entry, before any library logs; a setting the user
 * gave on the java command line wins.
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
    // The root logger's console handler prints every library's records; a handler's level filters
    // whatever level a library set on its own logger (TalosTls lets BouncyCastle's severe through).
    for (Handler handler : LogManager.getLogManager().getLogger("").getHandlers()) {
      handler.setLevel(Level.OFF);
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
