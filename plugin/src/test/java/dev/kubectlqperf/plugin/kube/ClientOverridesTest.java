package dev.kubectlqperf.plugin.kube;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl's connection flags, mapped onto the fabric8 Config the kubeconfig gave. */
class ClientOverridesTest {

  private static Config fromKubeconfig() {
    return new ConfigBuilder(Config.empty()).withMasterUrl("https://kubeconfig:6443").withOauthToken("kubeconfig-token")
        .withRequestTimeout(10_000).build();
  }

  @Test
  void everyFlagGivenReplacesTheKubeconfigsValue() {
    Config config = new ClientOverrides("https://flag:6443", "flag-token", "alice", List.of("devs", "ops"),
        Duration.ofSeconds(90), true).applyTo(fromKubeconfig());
    assertEquals("https://flag:6443/", config.getMasterUrl());
    assertEquals("flag-token", config.getOauthToken());
    assertEquals("alice", config.getImpersonateUsername());
    assertArrayEquals(new String[] {"devs", "ops"}, config.getImpersonateGroups());
    assertEquals(90_000, config.getRequestTimeout());
    assertTrue(config.isTrustCerts());
    assertTrue(config.isDisableHostnameVerification());
  }

  @Test
  void noFlagsLeaveTheKubeconfigAlone() {
    Config config = ClientOverrides.NONE.applyTo(fromKubeconfig());
    assertEquals("https://kubeconfig:6443/", config.getMasterUrl());
    assertEquals("kubeconfig-token", config.getOauthToken());
    assertNull(config.getImpersonateUsername());
    assertEquals(10_000, config.getRequestTimeout());
    assertFalse(config.isTrustCerts());
  }
}
