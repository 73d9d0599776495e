package dev.kubectlqperf.model;

/** Defaults that keep Kubestone's behaviour where Kubestone had one. */
public final class QperfDefaults {
  /** The image Kubestone's documentation uses. */
  public static final String IMAGE = "xridge/qperf:0.4.11-r0";
  /** qperf's control port, fixed on both sides like Kubestone did. */
  public static final int CONTROL_PORT = 19765;
  /** The data port pinned for ClusterIP services. */
  public static final int DATA_PORT = 19766;
  public static final long TIMEOUT_SECONDS = 600;
  /** Streams of one run: each is a qperf server and client process of its own. */
  public static final int MAX_PARALLEL = 16;
  /** qperf's own default test time (-t), in seconds. */
  public static final long QPERF_TEST_SECONDS = 2;

  private QperfDefaults() {}
}
