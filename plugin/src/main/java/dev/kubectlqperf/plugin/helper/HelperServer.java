package dev.kubectlqperf.plugin.helper;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Serves the launcher's calls, one at a time, on a loopback port. A call must carry the token
 * from the state file (readable by its owner only); any other connection gets nothing. Ends when
 * idle for the given time, when its state file no longer names it ({@code helper stop}, or a
 * newer helper), or when the plugin was reinstalled.
 */
public final class HelperServer {

  private static final Duration TICK = Duration.ofSeconds(1);
  private static final int READ_TIMEOUT_MS = 10_000;

  private final ServerSocket socket;
  private final byte[] token;
  private final HelperState state;
  private final Duration idle;
  private final Function<HelperRequest, Optional<HelperResponse>> calls;
  private final BooleanSupplier reinstalled;
  private final Clock clock;
  private final PrintWriter log;

  public HelperServer(ServerSocket socket, String token, HelperState state, Duration idle,
      Function<HelperRequest, Optional<HelperResponse>> calls, BooleanSupplier reinstalled, Clock clock,
      PrintWriter log) {
    this.socket = socket;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.state = state;
    this.idle = idle;
    this.calls = calls;
    this.reinstalled = reinstalled;
    this.clock = clock;
    this.log = log;
  }

  /** Serves until it should stop, and says why. */
  public String serve() throws IOException {
    socket.setSoTimeout((int) Math.min(TICK.toMillis(), idle.toMillis()));
    Instant lastCall = clock.instant();
    while (true) {
      if (!state.stillOurs()) {
        return "its state file was removed or replaced";
      }
      if (reinstalled.getAsBoolean()) {
        return "the plugin was reinstalled";
      }
      if (!Duration.between(lastCall, clock.instant()).minus(idle).isNegative()) {
        return "idle for " + idle.toSeconds() + " s";
      }
      Socket call;
      try {
        call = socket.accept();
      } catch (SocketTimeoutException e) {
        continue;
      }
      try (call) {
        handle(call);
      } catch (IOException | RuntimeException e) {
        // The launcher sees no answer and runs the call in a new JVM.
        log("a call failed: " + e);
      }
      lastCall = clock.instant();
    }
  }

  private void handle(Socket call) throws IOException {
    call.setSoTimeout(READ_TIMEOUT_MS);
    HelperRequest request = HelperRequest.read(new BufferedInputStream(call.getInputStream()));
    if (!MessageDigest.isEqual(token, request.token().getBytes(StandardCharsets.UTF_8))) {
      log("refused a call without the right token");
      return;
    }
    OutputStream out = new BufferedOutputStream(call.getOutputStream());
    long start = System.nanoTime();
    Optional<HelperResponse> response = reinstalled.getAsBoolean() ? Optional.empty() : calls.apply(request);
    String args = String.join(" ", request.args());
    if (response.isEmpty()) {
      out.write(HelperResponse.DECLINED.getBytes(StandardCharsets.UTF_8));
      out.flush();
      log("declined: " + args);
      return;
    }
    response.get().writeTo(out);
    log(String.format("served: %s (exit %d, %d ms)", args, response.get().exitCode(),
        (System.nanoTime() - start) / 1_000_000));
  }

  private void log(String line) {
    log.println(clock.instant() + " " + line);
    log.flush();
  }
}
