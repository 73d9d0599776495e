package dev.kubectlqperf.e2e;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The kubelet's log endpoint ({@code GET /containerLogs/NS/POD/CONTAINER}) over HTTPS, so that
 * {@code kubectl logs} and the pipeline's log reads take the real API server path.
 */
final class KubeletLogServer implements AutoCloseable {

  private final Map<String, StringBuffer> logs = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> failures = new ConcurrentHashMap<>();
  private final HttpsServer server;

  KubeletLogServer() throws Exception {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
    server.createContext("/containerLogs/", exchange -> {
      String[] parts = exchange.getRequestURI().getPath().split("/");
      String key = parts.length == 5 ? parts[2] + "/" + parts[3] + "/" + parts[4] : "";
      StringBuffer log = logs.get(key);
      var failing = failures.get(key);
      boolean fail = failing != null && failing.getAndDecrement() > 0;
      byte[] body = (fail ? "kubelet busy\n" : log == null ? "no such container\n" : log.toString())
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(fail ? 503 : log == null ? 404 : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The live log of one container: the simulator appends, the server serves. */
  StringBuffer log(String namespace, String pod, String container) {
    return logs.computeIfAbsent(namespace + "/" + pod + "/" + container, k -> new StringBuffer());
  }

  /** The next {@code reads} reads of this container's log fail (503), as a kubelet under load does. */
  void failNext(String namespace, String pod, String container, int reads) {
    failures.put(namespace + "/" + pod + "/" + container, new java.util.concurrent.atomic.AtomicInteger(reads));
  }

  private static SSLContext selfSigned() throws Exception {
    Path dir = Files.createTempDirectory("kubelet-tls");
    Path store = dir.resolve("kubelet.p12");
    Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "kubelet", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=kubelet",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "kubelet",
        "-ext", "SAN=ip:127.0.0.1")).redirectErrorStream(true).start();
    keytool.getInputStream().readAllBytes();
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "kubelet".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "kubelet".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    return ssl;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
