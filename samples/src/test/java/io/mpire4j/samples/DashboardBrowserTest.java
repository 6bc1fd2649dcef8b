package io.mpire4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mpire4j.Dashboard;
import io.mpire4j.PoolOptions;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in headless Chromium, fed by {@link Sample09_Dashboard}'s story: a running
 * call's bar advances without a reload, finished calls show done, a failed call shows its arguments
 * and stack trace, a hostile argument stays text, and without the token there is no page.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code apt-get install chromium
 * chromium-driver}); other paths via {@code -Dmpire4j.chromium=…} and {@code -Dmpire4j.chromedriver=…}.
 * Without them the test is skipped, except on CI (env {@code CI} set), where it fails.
 *
 * <p>Screenshots go to {@code target/dashboard.png} and {@code target/dashboard-narrow.png};
 * {@code -Ddashboard.screenshot=PATH} copies the first to PATH (the README's picture:
 * {@code ./build verify -pl samples -am -Dtest=DashboardBrowserTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddashboard.screenshot=../docs/dashboard.png}).
 */
class DashboardBrowserTest {
    private static final String EVIL = "<img src=x onerror=alert(1)>";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Dashboard dashboard;
    private Sample09_DashboardParallel pool;
    private WebDriver browser;
    private ChromeDriverService driverService;

    @BeforeEach
    void start() {
        File chromium = new File(System.getProperty("mpire4j.chromium", "/usr/bin/chromium"));
        File driver = new File(System.getProperty("mpire4j.chromedriver", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !driver.canExecute()) {
            String why = "the dashboard's browser test needs " + chromium + " and " + driver
                    + ": install them with 'apt-get install chromium chromium-driver'";
            if (System.getenv("CI") != null) {
                fail(why + " (CI is set, so a missing browser is a failure)");
            }
            Assumptions.abort(why + "; skipped");
        }
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1360,1000",
                "--hide-scrollbars", "--force-device-scale-factor=1");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        browser = new ChromeDriver(driverService, options);
        dashboard = Dashboard.start("127.0.0.1", 0);
        pool = Sample09_DashboardParallel.create(PoolOptions.defaults().workers(4).enableInsights(true));
    }

    @AfterEach
    void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (driverService != null) {
                driverService.stop();
            }
            if (pool != null) {
                pool.close();
            }
            if (dashboard != null) {
                dashboard.close();
            }
            Sample09_Dashboard.paceMillis = 2;
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(50));
    }

    /** The row of the call with this description (or, when it has none of its own, this method name). */
    private WebElement row(String description) {
        return waiting().until(b -> b.findElements(By.cssSelector("#calls tbody tr")).stream()
                .filter(tr -> tr.findElement(By.className("description")).getText().equals(description)
                        || tr.findElement(By.className("method")).getText().endsWith("." + description))
                .findFirst().orElse(null));
    }

    private static double progress(WebElement row) {
        return Double.parseDouble(row.findElement(By.tagName("progress")).getDomProperty("value"));
    }

    @Test
    void theStoryShowsLiveProgressDoneAndAFailureWithItsArgumentsAsText() throws Exception {
        browser.get(dashboard.uri().toString());
        waiting().until(b -> "live".equals(b.findElement(By.id("status")).getDomAttribute("data-state")));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        // Slow enough that a browser on a busy machine sees the long call running; sped up once it has.
        Sample09_Dashboard.paceMillis = 100;
        CompletableFuture<Void> story = CompletableFuture.runAsync(() -> Sample09_Dashboard.story(pool, 400));

        // A running call's bar advances without a reload.
        WebElement running = row("long simulation");
        assertEquals("running", running.findElement(By.className("state")).getText());
        double first = progress(running);
        waiting().until(b -> progress(running) >= first + 8);
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"));
        assertFalse(running.findElement(By.className("eta")).getText().equals("–"), "a running call has an ETA");
        Sample09_Dashboard.paceMillis = 2;

        // Finished calls show done; the stream of unknown length shows a counter.
        WebElement warmUp = row("warm-up simulation");
        assertEquals("done", warmUp.findElement(By.className("state")).getText());
        assertEquals("40 / 40", warmUp.findElement(By.className("done")).getText());
        assertEquals("30", row("streamed steps").findElement(By.className("done")).getText());

        // A failed call shows its arguments and stack trace; the hostile argument is inert text.
        WebElement failed = row("render");
        assertEquals("failed", failed.findElement(By.className("state")).getText());
        failed.click();
        WebElement detail = browser.findElement(By.id("detail"));
        waiting().until(b -> detail.isDisplayed() && browser.findElement(By.id("failure")).isDisplayed());
        String arguments = browser.findElement(By.id("failure-arguments")).getText();
        assertTrue(arguments.contains("page"), arguments);
        assertTrue(arguments.contains("\"" + EVIL + "\""), "the argument shows as text: " + arguments);
        String stack = browser.findElement(By.id("failure-stack")).getText();
        assertTrue(stack.startsWith("java.lang.IllegalArgumentException: page names are plain text"), stack);
        assertTrue(stack.contains("at io.mpire4j.samples.Sample09_Dashboard.render("), stack);
        assertTrue(browser.findElements(By.cssSelector("main img")).isEmpty(), "no element was made from the argument");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertTrue(browser.findElement(By.id("insights")).isDisplayed(), "insights are shown for the pool");

        screenshot(Path.of("target", "dashboard.png"));
        String copy = System.getProperty("dashboard.screenshot");
        if (copy != null && !copy.isBlank()) {
            Files.createDirectories(Path.of(copy).toAbsolutePath().getParent());
            Files.copy(Path.of("target", "dashboard.png"), Path.of(copy), StandardCopyOption.REPLACE_EXISTING);
        }
        browser.manage().window().setSize(new Dimension(420, 1000));
        screenshot(Path.of("target", "dashboard-narrow.png"));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('detail').scrollIntoView();");
        screenshot(Path.of("target", "dashboard-narrow-detail.png"));
        assertTrue(browser.findElement(By.id("failure-stack")).isDisplayed());

        // The running call ends as done, still without a reload.
        story.get(60, TimeUnit.SECONDS);
        waiting().until(b -> "done".equals(row("long simulation").findElement(By.className("state")).getText()));
        assertEquals("400 / 400", row("long simulation").findElement(By.className("done")).getText());
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }

    @Test
    void aHostileDescriptionIsShownAsTextInTheList() {
        browser.get(dashboard.uri().toString());
        pool.render().description(EVIL).map(List.of("fine"));
        WebElement row = row(EVIL);
        assertEquals(EVIL, row.findElement(By.className("description")).getText());
        assertTrue(browser.findElements(By.cssSelector("main img")).isEmpty());
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());

        // A dropped connection: the page says so and keeps trying, and still shows what it had.
        dashboard.close();
        waiting().until(b -> "reconnecting".equals(b.findElement(By.id("status")).getDomAttribute("data-state")));
        assertEquals(EVIL, row(EVIL).findElement(By.className("description")).getText());
    }

    @Test
    void withoutTheTokenThereIsNoPage() {
        URI withToken = dashboard.uri();
        for (String url : List.of("http://" + withToken.getRawAuthority() + "/",
                "http://" + withToken.getRawAuthority() + "/?token=guess",
                "http://" + withToken.getRawAuthority() + "/api/calls")) {
            browser.get(url);
            assertTrue(browser.findElements(By.id("calls")).isEmpty(), url);
            assertFalse(browser.getPageSource().contains("mpire4j"), url);
            assertTrue(browser.getPageSource().contains("403"), "Chromium names the status: " + url);
        }
    }

    private void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
    }
}
