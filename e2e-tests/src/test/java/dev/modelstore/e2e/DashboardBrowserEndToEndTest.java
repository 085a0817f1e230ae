package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Models dashboard in a real headless browser (Debian's Chromium through its ChromeDriver):
 * create a web model through the form (a wrong path is caught before anything is created), watch it
 * become ready, see Delete disabled while a job uses it, open its page, then delete it with the
 * confirmation. Leaves a screenshot in {@code target/screenshots/dashboard.png}.
 */
class DashboardBrowserEndToEndTest extends EndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path DOWNLOADS = Path.of("target", "browser-downloads");
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void openBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertTrue(installed, "CI must install chromium and chromium-driver (see .ci/run)");
        }
        assumeTrue(installed, "Chromium and ChromeDriver are not installed: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        try {
            Files.createDirectories(DOWNLOADS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // Downloads from the model page land here (the browser test reads them back).
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1360,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        // The table is drawn again on every update, so an element found a moment ago may be gone: look again.
        // The table is drawn again on every live update: an element found a moment ago may be gone.
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void createAModelWatchItBecomeReadyAndDeleteItOnceNoJobUsesIt() throws Exception {
        String url = files.serve("/dashboard/bert.tar.gz", Archives.tarGz(Archives.nestedFiles(21)));
        browser.get("http://127.0.0.1:" + StackExtension.stack().settings().apiPort() + "/dashboard/");
        browser.findElement(By.id("token")).sendKeys(api.token());
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        wait.until(d -> d.findElement(By.id("models-view")).isDisplayed());

        // The form asks for what the type needs and refuses a wrong path before creating anything.
        browser.findElement(By.id("show-create")).click();
        browser.findElement(By.id("create-name")).sendKeys("browser bert");
        new Select(browser.findElement(By.id("create-source-type"))).selectByValue("kaggle");
        assertTrue(browser.findElement(By.id("create-kaggle-type")).isDisplayed());
        new Select(browser.findElement(By.id("create-source-type"))).selectByValue("wasabi");
        assertTrue(browser.findElement(By.id("create-wasabi-endpoint")).isDisplayed());
        new Select(browser.findElement(By.id("create-source-type"))).selectByValue("web");
        assertFalse(browser.findElement(By.id("create-kaggle-type")).isDisplayed());
        assertTrue(browser.findElement(By.id("path-form")).getText().contains("http://"));
        browser.findElement(By.id("create-path")).sendKeys("s3://not-a-web-url/x");
        browser.findElement(By.id("create-submit")).click();
        wait.until(d -> d.findElement(By.id("create-error")).getText().contains("must look like"));
        assertTrue(JobsEndToEndTest.models().stream().noneMatch(m -> m.get("name").asText().equals("browser bert")));

        browser.findElement(By.id("create-path")).clear();
        browser.findElement(By.id("create-path")).sendKeys(url);
        browser.findElement(By.id("create-submit")).click();
        wait.until(d -> statusOf(d, "browser bert").equals("ready"));
        String modelId = wait.until(d -> rowOf(d, "browser bert").getAttribute("data-model-id"));

        // A job uses the model: Active Jobs shows it and Delete is disabled.
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", "dashboard job", "type", "training",
                "workers", List.of("exec sleep 600"), "model", Map.of("source_type", "trainml", "source_uri", modelId)));
        wait.until(d -> cell(d, "browser bert", ".active-jobs").getText().equals("1"));

        // Live progress while another model downloads, and a failed one with its reason.
        byte[] slowBytes = new byte[24 * 1024 * 1024];
        new java.util.Random(5).nextBytes(slowBytes);
        String slow = api.createWebModel("llama shards", files.serveSlowly("/dashboard/slow.bin", slowBytes, 2 * 1024 * 1024));
        String missing = api.createWebModel("typo in url", files.url("/dashboard/no-such-file.tar.gz"));
        // Found and read in one look (a live update between the two would leave a stale element).
        wait.until(d -> cell(d, "typo in url", ".reason") != null
                && cell(d, "typo in url", ".reason").getText().contains("404"));
        wait.until(d -> statusOf(d, "llama shards").equals("downloading")
                && cell(d, "llama shards", ".progress-text").getText().contains("MB"));
        wait.until(d -> (Boolean) !cell(d, "browser bert", "button.delete").isEnabled());
        screenshot("dashboard.png");
        api.delete("/model/" + slow + "?force=true");
        api.delete("/model/" + missing);

        // The model's page: files with their digests, lineage, the ingest log.
        click("browser bert", "a.model-name");
        wait.until(d -> d.findElement(By.id("model-view")).isDisplayed()
                && !d.findElements(By.cssSelector("#files tbody tr")).isEmpty());
        assertEquals(Archives.nestedFiles(21).size(), browser.findElements(By.cssSelector("#files tbody tr")).size());
        assertTrue(browser.findElement(By.cssSelector("#files tbody tr td:nth-child(3)")).getText().matches("[0-9a-f]{64}"));
        assertTrue(browser.findElement(By.id("lineage")).getText().contains(url));
        wait.until(d -> d.findElement(By.id("log")).getText().contains("ready"));
        screenshot("model-page.png");
        browser.findElement(By.cssSelector("#model-view a[href='#/']")).click();

        // The job ends: Delete is enabled again, asks for confirmation, and the model is gone.
        assertEquals(200, api.delete("/job/" + job.get("job_uuid").asText() + "?force=true").status());
        wait.until(d -> cell(d, "browser bert", "button.delete").isEnabled());
        click("browser bert", "button.delete");
        wait.until(d -> d.findElement(By.id("confirm-delete")).isDisplayed());
        assertTrue(browser.findElement(By.id("confirm-delete")).getText().contains("permanent"));
        browser.findElement(By.id("confirm-delete-yes")).click();
        wait.until(d -> rowOf(d, "browser bert") == null);
        assertEquals(404, api.get("/model/" + modelId).status());
    }

    @Test
    void aLocalModelShowsTheCommandThatUploadsIt() {
        browser.get("http://127.0.0.1:" + StackExtension.stack().settings().apiPort() + "/dashboard/");
        if (!browser.findElements(By.id("token")).isEmpty() && browser.findElement(By.id("token")).isDisplayed()) {
            browser.findElement(By.id("token")).sendKeys(api.token());
            browser.findElement(By.cssSelector("#sign-in-form button")).click();
        }
        wait.until(d -> d.findElement(By.id("models-view")).isDisplayed());
        browser.findElement(By.id("show-create")).click();
        browser.findElement(By.id("create-name")).sendKeys("from my laptop");
        new Select(browser.findElement(By.id("create-source-type"))).selectByValue("local");
        browser.findElement(By.id("create-path")).sendKeys("/home/me/models/bert");
        browser.findElement(By.id("create-submit")).click();
        wait.until(d -> d.findElement(By.id("connect")).isDisplayed());
        String command = browser.findElement(By.id("connect-command")).getText();
        assertTrue(command.matches("\\./modelstore model connect [0-9a-f-]{36}"), command);
        assertEquals("/home/me/models/bert", browser.findElement(By.id("connect-path")).getText());
        api.delete("/model/" + command.substring(command.lastIndexOf(' ') + 1) + "?force=true");
    }

    @Test
    void aModelsPageDownloadsAFileAndExportsTheModel() throws Exception {
        Map<String, byte[]> content = Archives.nestedFiles(77);
        String id = api.createWebModel("browser export", files.serve("/dashboard/export.tar.gz", Archives.tarGz(content)));
        assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
        var settings = StackExtension.stack().settings();
        String project = StackExtension.stack().access().projectId();
        assertEquals(200, api.put("/project/" + project + "/credentials/aws",
                Map.of("key_id", settings.s3AccessKey(), "secret", settings.s3SecretKey())).status());
        s3.createBucket(b -> b.bucket("browser-exports"));

        browser.get("http://127.0.0.1:" + settings.apiPort() + "/dashboard/");
        if (!browser.findElements(By.id("token")).isEmpty() && browser.findElement(By.id("token")).isDisplayed()) {
            browser.findElement(By.id("token")).sendKeys(api.token());
            browser.findElement(By.cssSelector("#sign-in-form button")).click();
        }
        wait.until(d -> d.findElement(By.id("models-view")).isDisplayed());
        click("browser export", "a.model-name");
        wait.until(d -> d.findElement(By.id("model-view")).isDisplayed()
                && !d.findElements(By.cssSelector("#files a.download-file")).isEmpty());

        // A file's Download link saves the file, byte for byte.
        Path saved = DOWNLOADS.resolve("config.json");
        Files.deleteIfExists(saved);
        wait.until(d -> {
            d.findElements(By.cssSelector("#files tbody tr")).stream()
                    .filter(r -> "config.json".equals(r.getAttribute("data-path"))).findFirst().orElseThrow()
                    .findElement(By.cssSelector("a.download-file")).click();
            return true;
        });
        wait.until(d -> Files.exists(saved) && sizeOf(saved) == content.get("config.json").length);
        assertEquals(new String(content.get("config.json")), Files.readString(saved));

        // The Export dialog asks for what the target needs, and the model's exports show how it went.
        browser.findElement(By.id("show-export")).click();
        wait.until(d -> d.findElement(By.id("export-dialog")).isDisplayed());
        new Select(browser.findElement(By.id("export-type"))).selectByValue("wasabi");
        assertTrue(browser.findElement(By.id("export-endpoint")).isDisplayed());
        new Select(browser.findElement(By.id("export-type"))).selectByValue("aws");
        assertFalse(browser.findElement(By.id("export-endpoint")).isDisplayed());
        browser.findElement(By.id("export-uri")).sendKeys("https://not-s3/x");
        browser.findElement(By.id("export-submit")).click();
        wait.until(d -> d.findElement(By.id("export-error")).getText().contains("s3://bucket/prefix/"));
        browser.findElement(By.id("export-uri")).clear();
        browser.findElement(By.id("export-uri")).sendKeys("s3://browser-exports/bert/");
        browser.findElement(By.id("export-submit")).click();
        wait.until(d -> d.findElements(By.cssSelector("#exports-table tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("completed") && r.getText().contains("s3://browser-exports/bert/")));
        assertEquals(content.get("config.json").length, s3.getObjectAsBytes(b -> b.bucket("browser-exports")
                .key("bert/config.json")).asByteArray().length);
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void click(String name, String selector) {
        wait.until(d -> {
            cell(d, name, selector).click();
            return true;
        });
    }

    private static WebElement rowOf(WebDriver driver, String name) {
        return driver.findElements(By.cssSelector("#models tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector("a.model-name")).getText().equals(name))
                .findFirst().orElse(null);
    }

    private static WebElement cell(WebDriver driver, String name, String selector) {
        WebElement row = rowOf(driver, name);
        return row == null ? null : row.findElement(By.cssSelector(selector));
    }

    private static String statusOf(WebDriver driver, String name) {
        WebElement status = cell(driver, name, ".status");
        return status == null ? "" : status.getText();
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
