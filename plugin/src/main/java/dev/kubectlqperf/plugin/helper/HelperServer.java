package dev.kubectlqperf.plugin.helper;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Serves the launcher's calls on a loopback port, each connection on its own thread. A
 * connection must complete the handshake ({@link HelperHandshake}) and send its request within
 * {@link #DEADLINE}, so a client that connects and stalls holds up nobody and is cut off. Only
 * connections that prove they hold the token count as calls: the helper ends when idle for the
 * given time however many strangers knock, when its state file no longer names it (a newer
 * helper), when the plugin was reinstalled, or on a proven {@code stop}.
 */
public final class HelperServer {

  /** How long a connection may take to prove itself and send its whole request. */
  public static final Duration DEADLINE = Duration.ofSeconds(5);
  static final int MAX_CONNECTIONS = 32;
  private static final Duration TICK = Duration.ofSeconds(1);

  private final ServerSocket socket;
  private final String token;
  private final HelperState state;
  private final Duration idle;
  private final Function<HelperRequest, Optional<HelperResponse>> calls;
  private final BooleanSupplier reinstalled;
  private final Clock clock;
  private final PrintWriter log;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger callsInFlight = new AtomicInteger();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicReference<Instant> lastCall = new AtomicReference<>();
  private volatile boolean stopRequested;

  public HelperServer(ServerSocket socket, String token, HelperState state, Duration idle,
      Function<HelperRequest, Optional<HelperResponse>> calls, BooleanSupplier reinstalled, Clock clock,
      PrintWriter log) {
    this.socket = socket;
    this.token = token;
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
    lastCall.set(clock.instant());
    ExecutorService workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "helper-call");
      t.setDaemon(true);
      return t;
    });
    try {
      while (true) {
        Optional<String> why = whyStop();
        if (why.isPresent()) {
          return why.get();
        }
        Socket call;
        try {
          call = socket.accept();
        } catch (SocketTimeoutException e) {
          continue;
        } catch (SocketException e) {
          if (stopRequested) {
            continue; // a proven stop closed the socket
          }
          throw e;
        }
        if (connections.incrementAndGet() > MAX_CONNECTIONS) {
          connections.decrementAndGet();
          call.close(); // the launcher sees no answer and runs the call in a new JVM
          continue;
        }
        workers.execute(() -> handleAndClose(call));
      }
    } finally {
      workers.shutdownNow();
    }
  }

  private Optional<String> whyStop() {
    if (stopRequested) {
      return Optional.of("helper stop");
    }
    if (!state.stillOurs()) {
      return Optional.of("its state file was removed or replaced");
    }
    if (reinstalled.getAsBoolean()) {
      return Optional.of("the plugin was reinstalled");
    }
    boolean idleLongEnough = !Duration.between(lastCall.get(), clock.instant()).minus(idle).isNegative();
    if (callsInFlight.get() == 0 && idleLongEnough) {
      return Optional.of("idle for " + idle.toSeconds() + " s");
    }
    return Optional.empty();
  }

  private void handleAndClose(Socket call) {
    try (call) {
      handle(call);
    } catch (IOException | RuntimeException e) {
      // The launcher sees no answer and runs the call in a new JVM.
      log("a connection failed: " + e);
    } finally {
      connections.decrementAndGet();
    }
  }

  private void handle(Socket call) throws IOException {
    call.setTcpNoDelay(true); // small answers go out at once, not after the launcher's delayed ACK
    DeadlineInputStream deadline = new DeadlineInputStream(call, System.nanoTime() + DEADLINE.toNanos());
    InputStream in = new BufferedInputStream(deadline);
    OutputStream out = new BufferedOutputStream(call.getOutputStream());
    String hello = HelperRequest.field(in, '\n', HelperHandshake.MAX_LINE);
    String launcherNonce =
        hello.startsWith(HelperHandshake.HELLO) ? hello.substring(HelperHandshake.HELLO.length()) : "";
    if (!HelperHandshake.isHex64(launcherNonce)) {
      refused("a connection that is not the launcher's");
      return;
    }
    String helperNonce = HelperHandshake.nonce();
    line(out, helperNonce + " " + HelperHandshake.proof("helper", token, launcherNonce, helperNonce));
    String proof = HelperRequest.field(in, '\0', HelperHandshake.MAX_LINE);
    if (!HelperHandshake.matches(HelperHandshake.proof("launcher", token, launcherNonce, helperNonce), proof)) {
      refused("a connection without the token");
      return;
    }
    callsInFlight.incrementAndGet();
    lastCall.set(clock.instant());
    try {
      String operation = HelperRequest.field(in, '\0', HelperHandshake.MAX_LINE);
      switch (operation) {
        case "call" -> {
          HelperRequest request = HelperRequest.read(in);
          deadline.disarm(); // the call itself may take as long as the cluster does
          answer(request, out);
        }
        case "ping" -> line(out, HelperClient.Identity.current().toString());
        case "stop" -> {
          line(out, HelperClient.Identity.current().toString());
          stopRequested = true;
          socket.close();
          log("stopping: helper stop");
        }
        default -> log("unknown operation: " + operation.replaceAll("\\p{Cntrl}", "?"));
      }
    } finally {
      lastCall.set(clock.instant());
      callsInFlight.decrementAndGet();
    }
  }

  private void answer(HelperRequest request, OutputStream out) throws IOException {
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

  private static void line(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Logged on the 1st, 10th, 100th… time only: strangers knocking must not fill the disk. */
  private void refused(String what) {
    long n = refusals.incrementAndGet();
    if (Long.toString(n).matches("10*")) {
      log("refused " + what + " (" + n + " refused so far)");
    }
  }

  private synchronized void log(String line) {
    log.println(clock.instant() + " " + line);
    log.flush();
  }

  /** Reads from a socket until a deadline for the whole request, not per read. */
  private static final class DeadlineInputStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private volatile long deadlineNanos;
    private volatile boolean armed = true;

    DeadlineInputStream(Socket socket, long deadlineNanos) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadlineNanos = deadlineNanos;
    }

    void disarm() throws SocketException {
      armed = false;
      socket.setSoTimeout(0);
    }

    private void arm() throws IOException {
      if (!armed) {
        return;
      }
      long left = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
      if (left <= 0) {
        throw new SocketTimeoutException("no complete request within " + DEADLINE.toSeconds() + " s");
      }
      socket.setSoTimeout((int) left);
    }

    @Override
    public int read() throws IOException {
      arm();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return in.read(b, off, len);
    }
  }
}
