package dev.kubectlqperf.model.qperf;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** qperf 0.4.11's test table, with the kind of transport each test uses. */
public enum QperfTest {
  conf(Kind.MISC), quit(Kind.MISC),
  tcp_bw(Kind.SOCKET), tcp_lat(Kind.SOCKET), udp_bw(Kind.SOCKET), udp_lat(Kind.SOCKET),
  sctp_bw(Kind.SOCKET), sctp_lat(Kind.SOCKET), sdp_bw(Kind.SOCKET), sdp_lat(Kind.SOCKET),
  rds_bw(Kind.SOCKET), rds_lat(Kind.SOCKET),
  rc_bi_bw(Kind.RDMA), rc_bw(Kind.RDMA), rc_compare_swap_mr(Kind.RDMA), rc_fetch_add_mr(Kind.RDMA),
  rc_lat(Kind.RDMA), rc_rdma_read_bw(Kind.RDMA), rc_rdma_read_lat(Kind.RDMA), rc_rdma_write_bw(Kind.RDMA),
  rc_rdma_write_lat(Kind.RDMA), rc_rdma_write_poll_lat(Kind.RDMA), uc_bi_bw(Kind.RDMA), uc_bw(Kind.RDMA),
  uc_lat(Kind.RDMA), uc_rdma_write_bw(Kind.RDMA), uc_rdma_write_lat(Kind.RDMA), uc_rdma_write_poll_lat(Kind.RDMA),
  ud_bi_bw(Kind.RDMA), ud_bw(Kind.RDMA), ud_lat(Kind.RDMA), ver_rc_compare_swap(Kind.RDMA),
  ver_rc_fetch_add(Kind.RDMA), xrc_bi_bw(Kind.RDMA), xrc_bw(Kind.RDMA), xrc_lat(Kind.RDMA);

  /** Socket tests end only by time; RDMA tests also honour --no_msgs. */
  public enum Kind { MISC, SOCKET, RDMA }

  private static final Map<String, QperfTest> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

  private final Kind kind;

  QperfTest(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static Optional<QperfTest> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
