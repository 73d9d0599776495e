package dev.kubectlqperf.pipeline.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a run's result can go; {@link #id} is the name used in {@code spec.sinks} and QPERF_SINKS. */
public enum Sink {
  FILE("file"),
  INFLUXDB("influxdb"),
  SLACK("slack");

  private final String id;

  Sink(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The queue in front of this sink's route: each sink drains its own, so none waits for another. */
  public String queue() {
    return "seda:sink-" + id;
  }

  public static Optional<Sink> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  public static String known() {
    return Arrays.stream(values()).map(Sink::id).collect(Collectors.joining(", "));
  }
}
