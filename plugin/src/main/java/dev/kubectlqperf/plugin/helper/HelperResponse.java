package dev.kubectlqperf.plugin.helper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the helper answers: the exit code on a line, the number of stderr lines on a line, those
 * lines, then stdout up to the end of the connection. The launcher relays stdout with one
 * {@code cat}, however long it is. A call the helper does not serve gets {@link #DECLINED} alone,
 * and the launcher runs it in a new JVM.
 */
public record HelperResponse(int exitCode, String out, String err) {

  public static final String DECLINED = "declined\n";

  public void writeTo(OutputStream socket) throws IOException {
    List<String> errLines = err.lines().toList();
    StringBuilder head = new StringBuilder().append(exitCode).append('\n').append(errLines.size()).append('\n');
    errLines.forEach(l -> head.append(l).append('\n'));
    socket.write(head.toString().getBytes(StandardCharsets.UTF_8));
    socket.write(out.getBytes(StandardCharsets.UTF_8));
    socket.flush();
  }
}
