package dev.kubectlqperf.plugin;

import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.context.CommandTree;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds commands through constructor injection: a constructor whose parameters are all among
 * {@link CliContext} and {@link CommandTree} gets them; any other class is built by picocli.
 */
final class CliFactory implements CommandLine.IFactory {
  private final Map<Class<?>, Object> injectable;

  CliFactory(CliContext context, CommandTree tree) {
    this.injectable = Map.of(CliContext.class, context, CommandTree.class, tree);
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    for (Constructor<?> c : cls.getDeclaredConstructors()) {
      Class<?>[] types = c.getParameterTypes();
      if (types.length > 0 && Arrays.stream(types).allMatch(injectable::containsKey)) {
        c.setAccessible(true);
        return cls.cast(c.newInstance(Arrays.stream(types).map(injectable::get).toArray()));
      }
    }
    return CommandLine.defaultFactory().create(cls);
  }
}
