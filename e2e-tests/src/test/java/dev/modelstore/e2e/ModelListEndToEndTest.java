package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /model} with filters, sort and keyset pagination, through the real services, in a project of its own. */
class ModelListEndToEndTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void filtersSortsAndPagesWithCursorsWithoutLosingOrRepeatingAModel() throws Exception {
        String token = createProject(Map.of("name", "list queries")).body().get("token").get("token").asText();
        ModelApiClient mine = api.as(token);
        List<String> ready = new ArrayList<>();
        for (String name : List.of("bert base", "bert large", "gpt 100%", "resnet", "t5 small")) {
            ready.add(mine.createWebModel(name, files.serve("/list/" + name.replace(' ', '-').replace("%", "pct") + ".bin",
                    name.getBytes(StandardCharsets.UTF_8))));
        }
        String failed = mine.createWebModel("bert missing", files.url("/list/nowhere.bin"));
        for (String id : ready) {
            mine.awaitStatus(id, FINAL, WAIT);
        }
        assertEquals("failed", mine.awaitStatus(failed, FINAL, WAIT).get("status").asText());

        assertEquals(6, names(list(token, "")).size());
        assertEquals(List.of("bert missing"), names(list(token, "?status=failed")));
        assertEquals(List.of("bert base", "bert large", "bert missing"), names(list(token, "?name=BERT&sort=name")));
        assertEquals(List.of("gpt 100%"), names(list(token, "?name=" + enc("0%"))), "% is a literal in name");
        assertEquals(List.of("bert large", "bert base"), names(list(token, "?name=bert&status=ready&sort=-name")));
        assertEquals(0, names(list(token, "?source_type=git")).size());
        assertEquals(0, names(list(token, "?created_before=2020-01-01")).size());
        assertEquals(6, names(list(token, "?created_after=2020-01-01&source_type=web")).size());

        // Pages of two, newest first, by following each page's next link: every model once, in order.
        List<String> walked = new ArrayList<>();
        String next = "?limit=2";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = list(token, next);
            assertEquals(200, page.statusCode(), page.body());
            names(JSON.readTree(page.body())).forEach(walked::add);
            pages++;
            String link = page.headers().firstValue("Link").orElse(null);
            if (link == null) {
                next = null;
            } else {
                assertTrue(link.endsWith(">; rel=\"next\""), link);
                URI target = URI.create(link.substring(1, link.indexOf('>')));
                next = "?" + target.getRawQuery();
                assertEquals(page.headers().firstValue("X-Next-Cursor").orElseThrow(),
                        java.net.URLDecoder.decode(next.replaceAll(".*cursor=([^&]*).*", "$1"), StandardCharsets.UTF_8));
            }
        }
        assertEquals(3, pages);
        assertEquals(names(list(token, "")), walked);
        assertEquals(6, walked.stream().distinct().count());

        // By size, largest first, in pages of four.
        List<String> bySize = names(list(token, "?sort=-size&limit=4"));
        assertEquals(4, bySize.size());
        assertEquals("bert large", bySize.get(0));

        // Mistakes are 400s that say what to do; another project's list is its own.
        assertEquals(400, list(token, "?colour=red").statusCode());
        assertTrue(list(token, "?colour=red").body().contains("unknown query parameter 'colour'"));
        assertEquals(400, list(token, "?limit=5000").statusCode());
        assertEquals(400, list(token, "?cursor=garbage").statusCode());
        String nameCursor = list(token, "?sort=name&limit=1").headers().firstValue("X-Next-Cursor").orElseThrow();
        assertEquals(400, list(token, "?cursor=" + enc(nameCursor)).statusCode(), "a cursor of another sort");
        assertEquals(0, JSON.readTree(list(api.token(), "?name=" + enc("gpt 100%")).body()).size());
    }

    @Test
    void jobsListWithFiltersAndCursorsThroughModelApi() throws Exception {
        String token = createProject(Map.of("name", "job list queries")).body().get("token").get("token").asText();
        ModelApiClient mine = api.as(token);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("train a", "train b", "infer c")) {
            ModelApiClient.Reply created = mine.post("/job", Map.of("name", name, "type", name.startsWith("train") ? "training"
                    : "inference", "worker_commands", List.of("true")));
            assertEquals(201, created.status(), String.valueOf(created.body()));
            ids.add(created.body().get("job_uuid").asText());
        }
        for (String id : ids) {
            awaitTrue(() -> mine.get("/job/" + id).body().get("status").asText().equals("finished"), "job " + id + " finishes");
        }
        assertEquals(List.of("infer c", "train b", "train a"), names(get(token, "/job")));
        assertEquals(List.of("train a", "train b"), names(get(token, "/job?type=training&sort=name")));
        assertEquals(List.of("infer c"), names(get(token, "/job?name=INFER&status=finished")));
        assertEquals(0, names(get(token, "/job?status=" + enc("waiting for resources"))).size());
        HttpResponse<String> first = get(token, "/job?limit=2&sort=created_at");
        assertEquals(List.of("train a", "train b"), names(first));
        String link = first.headers().firstValue("Link").orElseThrow();
        assertTrue(link.startsWith("<" + StackExtension.stack().settings().apiUrl() + "/job?"), "the next link is model-api's: " + link);
        HttpResponse<String> second = get(token, link.substring(link.indexOf("/job?"), link.indexOf('>')));
        assertEquals(List.of("infer c"), names(second));
        assertTrue(second.headers().firstValue("Link").isEmpty());
        assertEquals(400, get(token, "/job?colour=red").statusCode());
        assertTrue(get(token, "/job?status=done").body().contains("waiting for data/model download"));
    }

    private static HttpResponse<String> list(String token, String query) throws Exception {
        return get(token, "/model" + query);
    }

    private static HttpResponse<String> get(String token, String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(StackExtension.stack().settings().apiUrl()
                + pathAndQuery)).header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> names(JsonNode models) {
        List<String> names = new ArrayList<>();
        models.forEach(model -> names.add(model.get("name").asText()));
        return names;
    }

    private static List<String> names(HttpResponse<String> response) throws Exception {
        return names(JSON.readTree(response.body()));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
