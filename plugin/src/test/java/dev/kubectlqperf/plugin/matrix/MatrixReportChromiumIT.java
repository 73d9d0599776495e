package dev.kubectlqperf.plugin.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it: Debian's chromium, headless, renders the page offline and
 * prints its DOM and a screenshot. Skipped only outside CI when chromium is not installed; in CI
 * (.ci/run installs it) a missing chromium fails.
 */
class MatrixReportChromiumIT {

  private static final int WORST = 0xff0000; // SvgHeatmap.rgb(196), the terminal's red
  private static final int BEST = 0x00ff00;
  @TempDir static Path dir;
  private static Path page;

  @BeforeAll
  static void writeThePage() throws Exception {
    String chromium = chromium();
    if (chromium == null) {
      if (System.getenv("CI") != null) {
        fail("chromium is not on the PATH, and CI must run this test: .ci/run installs Debian's chromium");
      }
      assumeTrue(false, "chromium is not installed (apt-get install chromium); CI runs this test");
    }
    page = dir.resolve("report.html");
    Files.writeString(page, MatrixReport.render(MatrixReportTest.sample(), MatrixReportTest.samplePairs()));
  }

  @Test
  void theDomHasEveryCellAndTheOutlierAndNoScript() throws Exception {
    String dom = run("--dump-dom", page.toUri().toString());

    assertEquals(18, dom.split("<g class=\"cell", -1).length - 1, dom);
    assertTrue(dom.contains("<g class=\"cell outlier\" data-src=\"node-2\" data-dst=\"n3&quot;&gt;&lt;script&gt;"),
        dom);
    assertFalse(dom.toLowerCase().contains("<script"), "the hostile node name stayed text");
    assertFalse(dom.toLowerCase().contains("<img"), "the hostile node name stayed text");
    assertTrue(dom.contains("<td>node-2</td>"), dom);
  }

  @Test
  void theScreenshotShowsTheOutlierCellRedAndOutlined() throws Exception {
    Path png = dir.resolve("report.png");
    run("--screenshot=" + png, "--window-size=1000,1600", page.toUri().toString());

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1000, image.getWidth());
    assertTrue(colours(image).size() > 8, "a page, not a blank image");
    assertTrue(count(image, BEST) > 1000, "the fast pairs are green");
    List<int[]> red = components(image, WORST, 800);
    assertTrue(red.stream().anyMatch(box -> outlined(image, box)),
        "a red cell outlined in black (the outlier) among the red areas " + red.stream().map(b -> List.of(b[0], b[1],
            b[2], b[3])).toList());
  }

  private static String run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run",
        "--user-data-dir=" + dir.resolve("profile")));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "chromium", ".out");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 90 s: " + command);
    }
    assertEquals(0, p.exitValue(), "chromium " + command);
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String chromium() {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(d, "chromium");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static Set<Integer> colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        seen.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return seen;
  }

  private static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  /** Bounding boxes {minX, minY, maxX, maxY} of the 4-connected areas of one colour of at least {@code min} pixels. */
  private static List<int[]> components(BufferedImage image, int rgb, int min) {
    int w = image.getWidth();
    boolean[] seen = new boolean[w * image.getHeight()];
    List<int[]> boxes = new ArrayList<>();
    for (int start = 0; start < seen.length; start++) {
      if (seen[start] || (image.getRGB(start % w, start / w) & 0xffffff) != rgb) {
        continue;
      }
      int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
      int size = 0;
      ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(start));
      seen[start] = true;
      while (!todo.isEmpty()) {
        int i = todo.poll();
        int x = i % w;
        int y = i / w;
        size++;
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
        for (int[] d : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
          int nx = x + d[0];
          int ny = y + d[1];
          int j = ny * w + nx;
          if (nx >= 0 && ny >= 0 && nx < w && ny < image.getHeight() && !seen[j]
              && (image.getRGB(nx, ny) & 0xffffff) == rgb) {
            seen[j] = true;
            todo.add(j);
          }
        }
      }
      if (size >= min) {
        boxes.add(box);
      }
    }
    return boxes;
  }

  /** The 3 px black stroke of an outlier: dark just outside the red area, on its left and top edges. */
  private static boolean outlined(BufferedImage image, int[] box) {
    return dark(image.getRGB(box[0] - 2, (box[1] + box[3]) / 2)) && dark(image.getRGB((box[0] + box[2]) / 2, box[1] - 2));
  }

  private static boolean dark(int rgb) {
    return ((rgb >> 16) & 0xff) < 80 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80;
  }
}
