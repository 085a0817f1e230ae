package dev.modelstore.jobs.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.support.rest.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRequestFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    private static String refusal(String json) throws Exception {
        JsonNode body = body(json);
        return assertThrows(ApiException.class, () -> JobRequestFields.check(body)).getMessage();
    }

    @Test
    void theSdksBodyPassesWithAWarningPerFieldOnlyRecorded() throws Exception {
        List<String> warnings = JobRequestFields.check(body("{'name':'j','type':'training','resources':{'gpu_count':1,"
                + "'disk_size':10,'max_price':10,'gpu_type_id':'rtx3090'},'worker_commands':['python t.py'],"
                + "'environment':{'type':'DEEPLEARNING_PY39'},'model':{},'project_uuid':'p'}"));
        assertEquals(4, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("environment.type 'DEEPLEARNING_PY39'")), warnings.toString());
    }

    @Test
    void aPlainObjectOfVariablesIsNotTakenForTrainmlsShape() throws Exception {
        assertEquals(List.of(), JobRequestFields.check(body("{'name':'j','workers':['x'],'environment':{'FOO':'bar'}}")));
    }

    @Test
    void emptyFieldsAsOtherClientsSendThemAreNotRefused() throws Exception {
        assertEquals(List.of(), JobRequestFields.check(body("{'name':'j','workers':['x'],'worker_commands':['x'],"
                + "'data':{'datasets':[],'input_type':null,'output_options':{}},'endpoint':{},'source_job_uuid':''}")));
    }

    @Test
    void everyOtherFieldIsRefusedByItsPath() throws Exception {
        assertTrue(refusal("{'name':'j','nodes':3}").contains("unknown field 'nodes'"));
        assertTrue(refusal("{'data':{'output_type':'trainml','colour':1}}").contains("unknown field 'data.colour'"));
        assertTrue(refusal("{'environment':{'type':'X','extra':1}}").contains("unknown field 'environment.extra'"));
        assertTrue(refusal("{'environment':{'packages':{'pip':['torch']}}}").contains("environment.packages"));
        assertTrue(refusal("{'resources':'big'}").contains("resources must be an object"));
        assertTrue(refusal("{'worker_commands':['a'],'workers':['b']}").contains("different commands"));
        assertTrue(refusal("[]").contains("JSON object"));
    }
}
