package dev.modelstore.stack;

import dev.modelstore.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/** A one-node Kafka 4.1 KRaft broker run from the jars in {@code dev-stack-servers/target/kafka-lib}; creates every topic. */
final class KafkaBroker {

    /** Partitions of the request topic: the most fetcher instances that can share the work. */
    static final int REQUEST_PARTITIONS = 6;

    private KafkaBroker() {
    }

    static ManagedProcess start(StackSettings settings) throws IOException, InterruptedException {
        Path lib = settings.home().resolve("dev-stack-servers/target/kafka-lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Kafka jars not found in " + lib + "; build first: ./mvnw -B -DskipTests install");
        }
        Path dir = settings.dataDir().resolve("kafka");
        Path logs = dir.resolve("data");
        Files.createDirectories(logs);
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + settings.kafkaControllerPort(),
                "listeners=PLAINTEXT://127.0.0.1:" + settings.kafkaPort() + ",CONTROLLER://127.0.0.1:"
                        + settings.kafkaControllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + settings.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.raft.name = kafka.server.KafkaRaftServer",
                "logger.raft.level = INFO",
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = lib + "/*";
        if (!Files.exists(logs.resolve("meta.properties"))) {
            Process format = new ProcessBuilder(java, "-cp", classpath, "-Dlog4j2.configurationFile=" + log4j,
                    "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("format.log").toFile()))
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + dir.resolve("format.log"));
            }
        }
        ManagedProcess broker = ManagedProcess.start("kafka", List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                        "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath, "kafka.Kafka", properties.toString()),
                Map.of(), dir, settings.dataDir().resolve("logs/kafka.log"));
        broker.awaitReady(() -> createTopics(settings.kafkaBootstrap()), Duration.ofSeconds(90));
        return broker;
    }

    /** Creates every Modelstore topic that is missing; true once the broker answered and all exist. */
    static boolean createTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            Set<String> existing = admin.listTopics().names().get(3, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, t.equals(Topics.MODEL_REQUESTS) ? REQUEST_PARTITIONS : 3, (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
