package dev.kubectlqperf.plugin.helper;

import dev.kubectlqperf.plugin.kube.KubeTarget;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a call's kubeconfig user gets its credentials from a program (an exec plugin such as
 * {@code aws eks get-token}, or an auth provider). Such a program sees its caller's whole
 * environment ({@code AWS_PROFILE}, {@code GOOGLE_APPLICATION_CREDENTIALS}, {@code PATH}, …) and
 * working directory, which no fingerprint can cover: the helper declines those calls, and a new
 * JVM runs them in the caller's own environment. Read from the kubeconfig files without running
 * anything; when they cannot be read, the answer is yes (decline, the new JVM reports the error).
 */
public final class CredentialPrograms implements Predicate<KubeTarget> {

  private final Collection<String> defaultFiles;

  /** The kubeconfig files fabric8 reads when the call names none ({@code KUBECONFIG}, else ~/.kube/config). */
  public CredentialPrograms() {
    this(io.fabric8.kubernetes.client.Config.getKubeconfigFilenames());
  }

  CredentialPrograms(Collection<String> defaultFiles) {
    this.defaultFiles = List.copyOf(defaultFiles);
  }

  @Override
  public boolean test(KubeTarget target) {
    List<Config> configs = new ArrayList<>();
    try {
      for (String name : target.kubeconfig() != null ? List.of(target.kubeconfig()) : defaultFiles) {
        File file = new File(name);
        if (!name.isEmpty() && file.isFile()) {
          configs.add(KubeConfigUtils.parseConfig(file));
        }
      }
    } catch (RuntimeException e) {
      return true;
    }
    Optional<String> context = Optional.ofNullable(target.context())
        .or(() -> configs.stream().map(Config::getCurrentContext).filter(c -> c != null && !c.isBlank()).findFirst());
    Optional<String> user = context.flatMap(name -> configs.stream()
        .flatMap(c -> Objects.requireNonNullElse(c.getContexts(), List.<NamedContext>of()).stream())
        .filter(c -> name.equals(c.getName()) && c.getContext() != null).findFirst())
        .map(c -> c.getContext().getUser());
    // Every definition of that user counts: kubectl and fabric8 merge files with different precedence.
    return user.isPresent() && configs.stream()
        .flatMap(c -> Objects.requireNonNullElse(c.getUsers(), List.<NamedAuthInfo>of()).stream())
        .filter(u -> user.get().equals(u.getName()))
        .map(NamedAuthInfo::getUser).filter(Objects::nonNull)
        .anyMatch(CredentialPrograms::runsAProgram);
  }

  private static boolean runsAProgram(AuthInfo user) {
    return user.getExec() != null || user.getAuthProvider() != null;
  }
}
