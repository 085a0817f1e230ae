package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Projects and API tokens over the real services: no token or a revoked one is 401, and a token
 * of one project never sees another project's models, credentials or storage (404, not 403).
 */
class ProjectIsolationEndToEndTest extends EndToEndTest {

    @Test
    void everyCallNeedsAValidTokenRawOrBearer() {
        assertEquals(401, api.as(null).get("/model").status());
        assertEquals(401, api.as("mst_not-a-real-token").get("/model").status());
        assertEquals(401, storage.as(null).get("/storage/projects/" + StackExtension.stack().access().projectId()).status());
        assertEquals(200, api.as("Bearer " + StackExtension.stack().access().token()).get("/model").status());
        assertTrue(api.as(null).get("/model").body().get("message").asText().contains("Authorization"));
    }

    @Test
    void aProjectsTokenCannotCreateProjectsOnlyAnOperatorCan() {
        ModelApiClient.Reply refused = api.post("/project", Map.of("name", "free allowance farm"));
        assertEquals(403, refused.status(), String.valueOf(refused.body()));
        assertTrue(refused.body().get("message").asText().contains("operator"), refused.body().toString());
        assertEquals(401, api.post("/internal/projects", Map.of("name", "no service token")).status());
        ModelApiClient.Reply created = createProject(Map.of("name", "made by the operator"));
        assertEquals(201, created.status(), String.valueOf(created.body()));
        assertTrue(created.body().get("token").get("token").asText().length() > 20);
    }

    @Test
    void twoProjectsCannotSeeEachOthersModelsCredentialsOrStorage() throws Exception {
        ModelApiClient.Reply created = createProject(Map.of("name", "team b"));
        assertEquals(201, created.status(), String.valueOf(created.body()));
        String projectB = created.body().get("project_uuid").asText();
        String tokenB = created.body().get("token").get("token").asText();
        ModelApiClient apiB = api.as(tokenB);
        ModelApiClient storageB = storage.as(tokenB);
        String projectA = StackExtension.stack().access().projectId();

        String modelA = api.createWebModel("a's model", files.serve("/iso/a.tar.gz", Archives.tarGz(Archives.nestedFiles(40))));
        assertEquals("ready", api.awaitStatus(modelA, FINAL, WAIT).get("status").asText());
        String modelB = apiB.createWebModel("b's model", files.serve("/iso/b.tar.gz", Archives.tarGz(Archives.nestedFiles(41))));
        assertEquals(projectB, apiB.awaitStatus(modelB, FINAL, WAIT).get("project_uuid").asText());
        awaitTrue(() -> storageB.get("/storage/models/" + modelB).status() == 200, "b's model counted");

        assertEquals(404, apiB.get("/model/" + modelA).status());
        assertEquals(404, apiB.get("/model/" + modelA + "/details").status());
        assertEquals(404, apiB.patch("/model/" + modelA, Map.of("name", "stolen")).status());
        assertEquals(404, apiB.delete("/model/" + modelA + "?force=true").status());
        assertEquals(404, apiB.get("/model?project_uuid=" + projectA).status());
        JsonNode listedB = apiB.get("/model").body();
        assertFalse(listedB.toString().contains(modelA), listedB.toString());
        assertFalse(api.get("/model").body().toString().contains(modelB));
        assertEquals(404, apiB.get("/project/" + projectA).status());
        assertEquals(404, apiB.get("/project/" + projectA + "/credentials").status());
        assertEquals(404, apiB.put("/project/" + projectA + "/credentials/aws", Map.of("key_id", "k", "secret", "s")).status());
        assertEquals(404, storageB.get("/storage/models/" + modelA).status());
        assertEquals(404, storageB.get("/storage/projects/" + projectA).status());
        assertEquals(1, apiB.get("/project").body().size());
        assertEquals("ready", api.get("/model/" + modelA).body().get("status").asText());
    }

    @Test
    void aRevokedTokenStopsWorkingAndTokensAreNeverShownAgain() throws Exception {
        String project = StackExtension.stack().access().projectId();
        ModelApiClient.Reply issued = api.post("/project/" + project + "/tokens", Map.of("name", "ci"));
        assertEquals(201, issued.status());
        String secret = issued.body().get("token").asText();
        String tokenId = issued.body().get("token_uuid").asText();
        assertEquals(200, api.as(secret).get("/model").status());
        JsonNode listed = api.get("/project/" + project + "/tokens").body();
        assertFalse(listed.toString().contains(secret), listed.toString());
        assertEquals(200, api.delete("/project/" + project + "/tokens/" + tokenId).status());
        assertEquals(401, api.as(secret).get("/model").status());
        awaitTrue(() -> storage.as(secret).get("/storage/projects/" + project).status() == 401,
                "storage-service refuses the revoked token");
    }

    @Test
    void aProjectIsDeletedOnlyWhenEmpty() {
        ModelApiClient.Reply created = createProject(Map.of("name", "short-lived"));
        String id = created.body().get("project_uuid").asText();
        ModelApiClient owner = api.as(created.body().get("token").get("token").asText());
        assertEquals("renamed", owner.patch("/project/" + id, Map.of("name", "renamed")).body().get("name").asText());
        String model = owner.createWebModel("m", files.url("/iso/none.tar.gz"));
        owner.awaitStatus(model, FINAL, WAIT);
        assertEquals(409, owner.delete("/project/" + id).status());
        assertEquals(200, owner.delete("/model/" + model + "?force=true").status());
        assertEquals(200, owner.delete("/project/" + id).status());
        assertEquals(401, owner.get("/model").status());
    }
}
