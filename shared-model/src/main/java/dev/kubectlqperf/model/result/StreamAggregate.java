package dev.kubectlqperf.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One metric of one test over the streams of one repetition that measured it together: the
 * {@code sum} (bandwidths and rates only: what the streams moved together) and the spread
 * ({@code min}, {@code median}, {@code max}; for latency the spread is the point). {@code streams}
 * counts the streams whose block succeeded; a failed stream adds nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamAggregate(
    int repetition,
    String test,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> loop,
    Integer occurrence,
    String metric,
    String unit,
    int streams,
    Double sum,
    double min,
    double median,
    double max) {}
