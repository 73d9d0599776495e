package dev.kubectlqperf.plugin.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelperRequestTest {

  @Test
  void argumentsSurviveTheFramingWhateverTheyHold() throws IOException {
    HelperRequest sent = new HelperRequest("123-45", true,
        List.of("get", "-l", "team=net,tier in (a b)", "multi\nline", "", "ünïcode ✓"));
    HelperRequest read = HelperRequest.read(new ByteArrayInputStream(sent.encode()));
    assertEquals(sent, read);
  }

  @Test
  void readsWhatTheLauncherWrites() throws IOException {
    // printf "%s\0call\0%s\0%s\0%s\0$args_format" "$proof" "$fingerprint" "$terminal" "$#" "$@"
    // (the proof and the operation are read by HelperServer before this)
    byte[] bash = ("1-2\0" + "0\0" + "2\0get\0-o json\0").getBytes(StandardCharsets.UTF_8);
    assertEquals(new HelperRequest("1-2", false, List.of("get", "-o json")),
        HelperRequest.read(new ByteArrayInputStream(bash)));
  }

  @Test
  void malformedRequestsAreRefused() {
    assertEquals("malformed request: it ends early", refused("1-2\0" + "0\0" + "2\0get\0"));
    assertEquals("malformed request: no argument count", refused("1-2\0" + "0\0two\0"));
    assertEquals("malformed request: 100000 arguments", refused("1-2\0" + "0\0" + "100000\0"));
    assertTrue(refused("x".repeat(HelperRequest.MAX_FIELD_BYTES + 1) + "\0").contains("longer than"));
  }

  @Test
  void responsesPutTheExitCodeAndStderrLinesBeforeStdout() throws IOException {
    ByteArrayOutputStream socket = new ByteArrayOutputStream();
    new HelperResponse(3, "NAME\nrun-1\n", "error: not found\nhint\n").writeTo(socket);
    assertEquals("3\n2\nerror: not found\nhint\nNAME\nrun-1\n", socket.toString(StandardCharsets.UTF_8));

    socket.reset();
    new HelperResponse(0, "{}", "").writeTo(socket);
    assertEquals("0\n0\n{}", socket.toString(StandardCharsets.UTF_8), "stdout as it was, without a newline added");
  }

  private static String refused(String request) {
    return assertThrows(IOException.class,
        () -> HelperRequest.read(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)))).getMessage();
  }
}
