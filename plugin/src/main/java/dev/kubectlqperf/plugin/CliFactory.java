package dev.kubectlqperf.plugin;

import dev.kubectlqperf.plugin.context.CliContext;
import dev.kubectlqperf.plugin.context.CommandTree;
import dev.kubectlqperf.plugin.option.KubeOptions;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds commands through constructor injection: a constructor whose parameters are all among
 * {@link CliContext}, {@link CommandTree} and {@link KubeOptions} gets them; any other class is
 * built by picocli. There is one {@link KubeOptions} per tree: the top command declares the global
 * flags, picocli sets them wherever they are typed, and every command reads the same values.
 */
final class CliFactory implements CommandLine.IFactory {
  private final Map<Class<?>, Object> injectable;

  CliFactory(CliContext context, CommandTree tree, KubeOptions kube) {
    this.injectable = Map.of(CliContext.class, context, CommandTree.class, tree, KubeOptions.class, kube);
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls == KubeOptions.class) {
      return cls.cast(injectable.get(cls));
    }
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
