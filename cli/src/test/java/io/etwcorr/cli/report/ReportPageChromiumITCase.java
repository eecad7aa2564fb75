package io.etwcorr.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etwcorr.cli.Etwcorr;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page as a browser shows it: Debian's headless Chromium renders it, offline. */
class ReportPageChromiumITCase {

    @Test
    void chromiumRendersTheCardsAndChartsOfTheReport(@TempDir Path temp) throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed (CI installs Debian's chromium package; "
                + "apt-get install chromium to run this test)");
        Path page = temp.resolve("report.html");
        assertThat(Etwcorr.commandLine().execute("report", ReportPageTest.fixtureRun().toString(), "--out", page.toString()))
                .isZero();

        Path screenshot = temp.resolve("report.png");
        run(temp, chromium, "--screenshot=" + screenshot, "--window-size=1280,2000", page.toUri().toString());
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(distinctColours(image)).as("a rendered page, not a blank one").isGreaterThan(50);

        String dom = run(temp, chromium, "--dump-dom", page.toUri().toString());
        int alerts = RunModel.fromDirectory(ReportPageTest.fixtureRun()).alerts().size();
        assertThat(dom.split("class=\"alert-card\"", -1)).hasSize(alerts + 1);
        assertThat(dom).contains("class=\"lineage\"", "class=\"chart timeline\"", "class=\"chart bytes\"",
                "class=\"edge injected\"", "patient zero", "class=\"chart top-bytes\"", "Fleet health");
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static String run(Path temp, String chromium, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + temp.resolve("profile")));
        command.addAll(List.of(args));
        Path stdout = temp.resolve("chromium.out");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finishes").isTrue();
        assertThat(process.exitValue()).isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }
}
