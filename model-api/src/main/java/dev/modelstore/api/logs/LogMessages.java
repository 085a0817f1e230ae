package dev.modelstore.api.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON texts a log stream sends, in trainML's shapes ({@code subscription}, {@code end}) plus {@code error}. */
final class LogMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogMessages() {
    }

    /** One log line: {@code {"type":"subscription","time":<epoch ms>,"msg":…,"stream":…}}. */
    static String line(LogLine line) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "subscription");
        message.put("time", line.at().toEpochMilli());
        message.put("msg", line.msg());
        message.put("stream", line.stream());
        return write(message);
    }

    /** Nothing more will come: the client closes. */
    static String end() {
        return "{\"type\":\"end\"}";
    }

    /** A request the stream cannot serve, in words; trainML's clients ignore it, ours show it. */
    static String error(String why) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "error");
        message.put("msg", why);
        return write(message);
    }

    private static String write(Map<String, Object> message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
