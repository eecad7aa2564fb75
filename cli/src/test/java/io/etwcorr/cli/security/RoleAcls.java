package io.etwcorr.cli.security;

import io.etwcorr.jobs.config.EtwcorrConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** The ACLs of deploy/kafka/acls.md per role, as the Admin API takes them (one binding per kafka-acls.sh operation). */
final class RoleAcls {
    /** The group prefix of {@code etwcorr alerts} (one new group per run). */
    static final String ALERTS_GROUP_PREFIX = "etwcorr-alerts";

    private RoleAcls() {}

    /** Collectors: write etw.raw, idempotently. */
    static List<AclBinding> collector(String user, String rawTopic) {
        List<AclBinding> acls = new ArrayList<>();
        acls.add(allow(user, topic(rawTopic), AclOperation.WRITE));
        acls.add(allow(user, topic(rawTopic), AclOperation.DESCRIBE));
        acls.add(allow(user, new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                AclOperation.IDEMPOTENT_WRITE));
        return acls;
    }

    /** The correlation job: read etw.raw in its group, write the outputs in transactions with its id prefix. */
    static List<AclBinding> job(String user, EtwcorrConfig.Kafka kafka) {
        EtwcorrConfig.Topics topics = kafka.topics;
        List<AclBinding> acls = new ArrayList<>();
        acls.add(allow(user, topic(topics.raw), AclOperation.READ));
        acls.add(allow(user, topic(topics.raw), AclOperation.DESCRIBE));
        acls.add(allow(user, new ResourcePattern(ResourceType.GROUP, kafka.groupId, PatternType.LITERAL), AclOperation.READ));
        for (String output : List.of(topics.anomalies, topics.connections, topics.flows, topics.health, topics.deadletter)) {
            acls.add(allow(user, topic(output), AclOperation.WRITE));
            acls.add(allow(user, topic(output), AclOperation.DESCRIBE));
        }
        ResourcePattern transactionalIds =
                new ResourcePattern(ResourceType.TRANSACTIONAL_ID, kafka.transactionalIdPrefix, PatternType.PREFIXED);
        acls.add(allow(user, transactionalIds, AclOperation.WRITE));
        acls.add(allow(user, transactionalIds, AclOperation.DESCRIBE));
        return acls;
    }

    /** Alert consumers (a SIEM, {@code etwcorr alerts}): read etw.anomalies in groups with their prefix. */
    static List<AclBinding> alerts(String user, String anomaliesTopic) {
        return List.of(allow(user, topic(anomaliesTopic), AclOperation.READ),
                allow(user, topic(anomaliesTopic), AclOperation.DESCRIBE),
                allow(user, new ResourcePattern(ResourceType.GROUP, ALERTS_GROUP_PREFIX, PatternType.PREFIXED),
                        AclOperation.READ));
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
