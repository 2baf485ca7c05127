package dev.ironkube.cli;

/** The process entry point: runs the CLI against the real process and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    LibraryLogging.configure(args);
    int code = Ironkube.run(CliEnvironment.system(), args);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }
}
