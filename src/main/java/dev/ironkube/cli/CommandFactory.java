package dev.ironkube.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Gives every command that wants it the run's {@link CliEnvironment} through its constructor. */
final class CommandFactory implements CommandLine.IFactory {
  private final CliEnvironment env;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      Constructor<K> c = cls.getDeclaredConstructor(CliEnvironment.class);
      c.setAccessible(true);
      return c.newInstance(env);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
  }
}
