package dev.ironkube.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Tells whether the process talks to a person at a terminal. */
final class TerminalDetection {
  private TerminalDetection() {}

  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From JDK 22 System.console() is non-null even when redirected; isTerminal() tells the truth.
    try {
      Method m = Console.class.getMethod("isTerminal");
      return (boolean) m.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
