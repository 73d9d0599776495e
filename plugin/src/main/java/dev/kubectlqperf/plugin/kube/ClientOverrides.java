package dev.kubectlqperf.plugin.kube;

import io.fabric8.kubernetes.client.Config;
import java.time.Duration;
import java.util.List;

/**
 * kubectl's flags that override what the kubeconfig says: {@code --server}, {@code --token},
 * {@code --as}, {@code --as-group}, {@code --request-timeout}, {@code --insecure-skip-tls-verify}.
 * Null (or empty, or false) leaves the kubeconfig's value.
 */
public record ClientOverrides(String server, String token, String as, List<String> asGroups,
    Duration requestTimeout, boolean insecureSkipTlsVerify) {

  public static final ClientOverrides NONE = new ClientOverrides(null, null, null, List.of(), null, false);

  public ClientOverrides {
    asGroups = asGroups == null ? List.of() : List.copyOf(asGroups);
  }

  /** Sets the overridden values on {@code config} and returns it. */
  public Config applyTo(Config config) {
    if (server != null) {
      config.setMasterUrl(server);
    }
    if (token != null) {
      config.setOauthToken(token);
    }
    if (as != null) {
      config.setImpersonateUsername(as);
    }
    if (!asGroups.isEmpty()) {
      config.setImpersonateGroups(asGroups.toArray(String[]::new));
    }
    if (requestTimeout != null) {
      // kubectl's 0 waits forever; fabric8 reads 0 the same way.
      config.setRequestTimeout((int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis()));
    }
    if (insecureSkipTlsVerify) {
      config.setTrustCerts(true);
      config.setDisableHostnameVerification(true);
    }
    return config;
  }
}
