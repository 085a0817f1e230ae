package dev.modelstore.api.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.events.SourceType;
import dev.modelstore.support.rest.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceUriRulesTest {

    @ParameterizedTest
    @CsvSource({
        "aws, s3://my-bucket/models/bert.tar.gz",
        "aws, s3://my-bucket/models/",
        "azure, https://acct.blob.core.windows.net/container/model.zip",
        "gcp, gs://my-bucket/path/",
        "git, https://github.com/owner/repo.git",
        "git, ssh://git@github.com/owner/repo.git",
        "git, git@github.com:owner/repo.git",
        "local, /home/me/models",
        "local, ~/models/bert",
        "local, $HOME/models",
        "local, ${DATA}/models",
        "web, https://example.com/model.tar.gz",
        "web, http://127.0.0.1:8000/m.zip",
        "web, ftp://ftp.example.com/pub/m.tar",
        "web, ftps://ftp.example.com/pub/m.tar",
        "regional, my-datastore"
    })
    void acceptsEachTypesForm(String type, String uri) {
        assertDoesNotThrow(() -> SourceUriRules.check(SourceType.fromWireName(type).orElseThrow(), uri, Map.of()));
    }

    @ParameterizedTest
    @CsvSource({
        "aws, https://my-bucket.s3.amazonaws.com/key, s3://bucket/path",
        "aws, s3://B/key, s3://bucket/path",
        "azure, http://acct.blob.core.windows.net/c/p, https://<account>",
        "gcp, s3://bucket/key, gs://bucket/path",
        "git, file:///srv/repo.git, https://host/owner/repo.git",
        "git, -upload-pack=touch /tmp/x, must not start with '-'",
        "local, ./models, relative paths",
        "local, models/bert, starting with /",
        "web, s3://bucket/key, http://",
        "web, https://user:pass@example.com/m.zip, user name or password",
        "regional, s3://x/y, regional datastore"
    })
    void refusesWrongFormsNamingWhatIsExpected(String type, String uri, String hint) {
        ApiException e = assertThrows(ApiException.class,
                () -> SourceUriRules.check(SourceType.fromWireName(type).orElseThrow(), uri, Map.of()));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
    }

    @Test
    void wasabiNeedsAnHttpEndpoint() {
        assertThrows(ApiException.class, () -> SourceUriRules.check(SourceType.WASABI, "s3://bucket/k", Map.of()));
        assertThrows(ApiException.class, () -> SourceUriRules.check(SourceType.WASABI, "s3://bucket/k",
                Map.of("endpoint_url", "ftp://s3.wasabisys.com")));
        assertDoesNotThrow(() -> SourceUriRules.check(SourceType.WASABI, "s3://bucket/k",
                Map.of("endpoint_url", "https://s3.wasabisys.com")));
    }

    @Test
    void kaggleNeedsItsType() {
        ApiException e = assertThrows(ApiException.class, () -> SourceUriRules.check(SourceType.KAGGLE, "owner/dataset",
                Map.of("type", "notebook")));
        assertTrue(e.getMessage().contains("competition, dataset, kernel"));
        assertDoesNotThrow(() -> SourceUriRules.check(SourceType.KAGGLE, "owner/dataset", Map.of("type", "dataset")));
        for (String traversal : new String[] {"owner/..", "../dataset", "owner/.", ".hidden/x", "a/b/c", "owner/data set"}) {
            assertThrows(ApiException.class, () -> SourceUriRules.check(SourceType.KAGGLE, traversal, Map.of("type", "dataset")),
                    traversal);
        }
    }

    @Test
    void aMissingUriIsRefused() {
        assertThrows(ApiException.class, () -> SourceUriRules.check(SourceType.WEB, " ", Map.of()));
        assertThrows(ApiException.class, () -> SourceUriRules.check(SourceType.WEB, null, Map.of()));
    }
}
