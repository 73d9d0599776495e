package dev.kubectlqperf.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Delivery of one run's result to one sink: the status is the outbox. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SinkDelivery(
    @JsonPropertyDescription("Pending until the sink has the result; Failed once its retries are exhausted.")
        State state,
    @JsonPropertyDescription("Delivery attempts so far.") Integer attempts,
    @JsonPropertyDescription("Why the last attempt failed.") String lastError,
    @JsonPropertyDescription("When the sink got the result.") String deliveredAt,
    @JsonPropertyDescription("The result document's file in the pipeline's dead-letter directory, once Failed.")
        String deadLetter) {

  public enum State { Pending, Delivered, Failed }

  public static SinkDelivery pending() {
    return new SinkDelivery(State.Pending, 0, null, null, null);
  }

  /** A sink this run chose that cannot take it, so it never will: failed without an attempt. */
  public static SinkDelivery refused(String reason) {
    return new SinkDelivery(State.Failed, 0, reason, null, null);
  }
}
