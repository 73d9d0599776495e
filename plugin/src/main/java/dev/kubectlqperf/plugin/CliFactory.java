package dev.kubectlqperf.plugin;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands, giving those that want it the {@link CliContext} (constructor injection). */
final class CliFactory implements CommandLine.IFactory {
  private final CliContext context;

  CliFactory(CliContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    for (Constructor<?> c : cls.getDeclaredConstructors()) {
      if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
        c.setAccessible(true);
        return cls.cast(c.newInstance(context));
      }
    }
    return CommandLine.defaultFactory().create(cls);
  }
}
