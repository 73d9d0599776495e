package dev.kubectlqperf.plugin.diagnosis;

/**
 * What a read from the API server gave: a value (null when the object does not exist), or the
 * one-line error that kept it from being read (no rights, no answer). Checks turn errors into
 * findings, never into exceptions.
 */
public record Fetched<T>(T value, String error) {

  public static <T> Fetched<T> of(T value) {
    return new Fetched<>(value, null);
  }

  public static <T> Fetched<T> failed(String error) {
    return new Fetched<>(null, error);
  }

  public boolean ok() {
    return error == null;
  }
}
