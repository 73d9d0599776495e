package dev.kubectlqperf.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Delivery of one run's result to one sink: the status is the outbox. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SinkDelivery(State state, Integer attempts, String lastError, String deliveredAt) {

  public enum State { Pending, Delivered, Failed }

  public static SinkDelivery pending() {
    return new SinkDelivery(State.Pending, 0, null, null);
  }
}
