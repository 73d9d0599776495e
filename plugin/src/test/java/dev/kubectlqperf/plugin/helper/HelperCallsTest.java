package dev.kubectlqperf.plugin.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubectlqperf.plugin.QperfCli;
import dev.kubectlqperf.plugin.kube.KubeConnection;
import dev.kubectlqperf.plugin.kube.KubeTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the helper declines because its answer could differ from a new JVM's in the caller's
 * directory and environment: credentials from a program, and {@code @file} arguments.
 */
class HelperCallsTest {

  private static final String ENVIRONMENT = "123-45";

  @TempDir Path tmp;
  private Path kubeconfig;
  private Path ran;
  private final List<KubeTarget> clientsAskedFor = new ArrayList<>();
  private HelperCalls calls;

  @BeforeEach
  void setUp() throws IOException {
    ran = tmp.resolve("exec-plugin-ran");
    Path plugin = Files.writeString(tmp.resolve("get-token"), "#!/bin/sh\ntouch '" + ran + "'\nexit 1\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    kubeconfig = Files.writeString(tmp.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster: {server: "https://127.0.0.1:1"}
          name: c
        contexts:
        - context: {cluster: c, user: eks}
          name: with-exec
        - context: {cluster: c, user: static}
          name: with-token
        - context: {cluster: c, user: gcp}
          name: with-auth-provider
        current-context: with-exec
        users:
        - name: eks
          user:
            exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: %s}
        - name: static
          user: {token: abc}
        - name: gcp
          user:
            auth-provider: {name: oidc, config: {id-token: x}}
        """.formatted(plugin));
    KubeConnection kube = new KubeConnection(target -> {
      clientsAskedFor.add(target);
      throw new IllegalStateException("no cluster in this test");
    });
    calls = new HelperCalls(QperfCli::commandLine, kube, ENVIRONMENT, new CredentialPrograms(List.of(kubeconfig.toString())));
  }

  private Optional<HelperResponse> call(String... args) {
    return calls.apply(new HelperRequest(ENVIRONMENT, false, List.of(args)));
  }

  @Test
  void declinesAContextWhoseCredentialsComeFromAProgramAndRunsNothing() {
    assertEquals(Optional.empty(), call("get", "--kubeconfig", kubeconfig.toString()), "current context");
    assertEquals(Optional.empty(), call("get"), "current context of $KUBECONFIG");
    assertEquals(Optional.empty(), call("describe", "x", "--context", "with-auth-provider"));
    assertFalse(Files.exists(ran), "the exec plugin never ran in the helper's environment");
    assertTrue(clientsAskedFor.isEmpty(), clientsAskedFor.toString());
  }

  @Test
  void servesAContextWithStaticCredentials() {
    Optional<HelperResponse> served = call("get", "--kubeconfig", kubeconfig.toString(), "--context", "with-token");
    assertTrue(served.isPresent(), "answered here, not declined");
    assertEquals(List.of(new KubeTarget(kubeconfig.toString(), "with-token", null)), clientsAskedFor);
  }

  @Test
  void declinesAnArgumentFileWhichIsRelativeToTheCallersDirectory() {
    assertEquals(Optional.empty(), call("get", "@args"));
    assertEquals(Optional.empty(), call("describe", "--context", "with-token", "@" + tmp.resolve("args")));
    assertTrue(clientsAskedFor.isEmpty(), clientsAskedFor.toString());
  }

  @Test
  void anUnreadableKubeconfigIsDeclinedForANewJvmToReport() throws IOException {
    Files.writeString(kubeconfig, "users: [this is: not: yaml");
    assertEquals(Optional.empty(), call("get", "--context", "with-token"));
  }
}
