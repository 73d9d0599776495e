package dev.kubectlqperf.pipeline.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for a Slack incoming webhook (these machines have no internet).
 * It records every POST with the status it answered; answers are scripted: a queue of one-off
 * answers first, then the standing answer. After {@link #hold()} the answers are kept back (each
 * POST's answer is chosen when it arrives), as a slow Slack would, until {@link #releaseOldest()}
 * or {@link #release()}.
 */
public final class SlackReceiver implements AutoCloseable {

  /** One POST: its body, what the receiver answered, and when. */
  public record Post(String body, int status, Instant at) {}

  /** An answer: status, and a Retry-After header value or null. */
  public record Answer(int status, String retryAfter) {}

  public static final String PATH = "/services/T0001/B0002/s3cr3tT0k3nV4lu3";
  private final HttpServer server;
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final Deque<Answer> next = new ArrayDeque<>();
  private volatile Answer standing = new Answer(200, null);
  private volatile String refusedText;
  private final AtomicInteger arrived = new AtomicInteger();
  private final Deque<CountDownLatch> held = new ArrayDeque<>();
  private boolean holding;
  private final ExecutorService handlers = Executors.newCachedThreadPool(
      Thread.ofPlatform().name("slack-receiver-", 1).daemon().factory());

  public SlackReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(PATH, this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  /** POSTs that arrived, whether answered yet or not. */
  public int arrived() {
    return arrived.get();
  }

  /** Answers nothing from now on until released. */
  public synchronized void hold() {
    holding = true;
  }

  /** Answers the POST held longest. */
  public synchronized void releaseOldest() {
    CountDownLatch oldest = held.poll();
    if (oldest != null) {
      oldest.countDown();
    }
  }

  /** Answers every held POST, and the next ones at once. */
  public synchronized void release() {
    holding = false;
    held.forEach(CountDownLatch::countDown);
    held.clear();
  }

  /** The webhook URL; its path is the secret a real Slack webhook has. */
  public String webhookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  public void answerAlways(int status) {
    standing = new Answer(status, null);
  }

  /** Answers 500 to every message that mentions {@code text} (null: none). */
  public void refuseMessagesWith(String text) {
    refusedText = text;
  }

  public synchronized void answerNext(Answer answer) {
    next.add(answer);
  }

  public List<Post> posts() {
    return List.copyOf(posts);
  }

  /** The POSTs it accepted (2xx) whose message mentions {@code text}. */
  public long accepted(String text) {
    return posts.stream().filter(p -> p.status() / 100 == 2 && p.body().contains(text)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Answer answer;
    CountDownLatch gate = new CountDownLatch(0);
    synchronized (this) {
      answer = refusedText != null && body.contains(refusedText) ? new Answer(500, null)
          : next.isEmpty() ? standing : next.poll();
      if (holding) {
        gate = new CountDownLatch(1);
        held.add(gate);
      }
    }
    arrived.incrementAndGet();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (answer.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    posts.add(new Post(body, answer.status(), Instant.now()));
    byte[] reply = (answer.status() == 200 ? "ok" : "error " + answer.status()).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    handlers.shutdownNow();
  }
}
