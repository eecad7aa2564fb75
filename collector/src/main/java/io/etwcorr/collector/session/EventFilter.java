package io.etwcorr.collector.session;

import io.etwcorr.schemas.raw.RawEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which decoded events the collector forwards: include/exclude rules by provider name, event id,
 * process image and DNS query name, the collector's own process, and localhost lookups (noise that
 * never leaves the host). Runs on the ETW callback thread, so it only looks at the event. Immutable.
 */
public final class EventFilter {
    private static final String IMAGE_NAME = "ImageName";
    private static final String QUERY_NAME = "QueryName";
    private static final String QUERY_RESULTS = "QueryResults";
    private static final Set<String> LOOPBACK_ANSWERS = Set.of("127.0.0.1", "::ffff:127.0.0.1", "::1");

    private final NameRule providers;
    private final Set<Integer> includeIds;
    private final Set<Integer> excludeIds;
    private final NameRule images;
    private final NameRule queryNames;
    private final Set<Long> excludedProcessIds;
    private final boolean dropLocalhostLookups;

    private EventFilter(Builder builder) {
        this.providers = new NameRule(builder.includeProviders, builder.excludeProviders);
        this.includeIds = Set.copyOf(builder.includeIds);
        this.excludeIds = Set.copyOf(builder.excludeIds);
        this.images = new NameRule(builder.includeImages, builder.excludeImages);
        this.queryNames = new NameRule(builder.includeQueryNames, builder.excludeQueryNames);
        this.excludedProcessIds = Set.copyOf(builder.excludedProcessIds);
        this.dropLocalhostLookups = builder.dropLocalhostLookups;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The collector's default: drop localhost lookups and the events of the collector's own process. */
    public static Builder defaults(long ownProcessId) {
        return builder().dropLocalhostLookups(true).excludeProcessId(ownProcessId);
    }

    /** {@link #defaults} for this JVM's process. */
    public static EventFilter forThisProcess() {
        return defaults(ProcessHandle.current().pid()).build();
    }

    public boolean accepts(RawEvent event) {
        if (!providers.allows(event.provider())) {
            return false;
        }
        if (excludeIds.contains(event.id()) || (!includeIds.isEmpty() && !includeIds.contains(event.id()))) {
            return false;
        }
        if (excludedProcessIds.contains(subjectProcessId(event))) {
            return false;
        }
        String queryName = event.propString(QUERY_NAME);
        if (queryName != null) {
            String name = withoutTrailingDot(queryName);
            if (!queryNames.allows(name) || (dropLocalhostLookups && isLocalhostLookup(name, event.propString(QUERY_RESULTS)))) {
                return false;
            }
        }
        return images.allows(imageNames(event));
    }

    /**
     * The process the event is about: Kernel-Network's {@code PID} (its header pid is unreliable),
     * the DNS cache service's {@code ClientPID} (the requester), else the process that logged it.
     */
    private static long subjectProcessId(RawEvent event) {
        Long pid = event.propLong("PID");
        if (pid != null) {
            return pid;
        }
        Long clientPid = event.propLong("ClientPID");
        return clientPid != null ? clientPid : event.pid();
    }

    private static boolean isLocalhostLookup(String name, String results) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return true;
        }
        if (results == null) {
            return false;
        }
        List<String> answers = new ArrayList<>();
        for (String answer : results.split(";")) {
            if (!answer.isBlank()) {
                answers.add(answer.trim());
            }
        }
        return !answers.isEmpty() && LOOPBACK_ANSWERS.containsAll(answers);
    }

    /** The image's full path and its file name (from x.image, else props ImageName); none when absent. */
    private static String[] imageNames(RawEvent event) {
        String image = event.enrichment("image");
        if (image == null) {
            image = event.propString(IMAGE_NAME);
        }
        if (image == null) {
            return new String[0];
        }
        return new String[] {image, image.substring(image.lastIndexOf('\\') + 1)};
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Rules are added one by one; patterns are case-insensitive globs ({@link NamePattern}). */
    public static final class Builder {
        private final List<NamePattern> includeProviders = new ArrayList<>();
        private final List<NamePattern> excludeProviders = new ArrayList<>();
        private final Set<Integer> includeIds = new HashSet<>();
        private final Set<Integer> excludeIds = new HashSet<>();
        private final List<NamePattern> includeImages = new ArrayList<>();
        private final List<NamePattern> excludeImages = new ArrayList<>();
        private final List<NamePattern> includeQueryNames = new ArrayList<>();
        private final List<NamePattern> excludeQueryNames = new ArrayList<>();
        private final Set<Long> excludedProcessIds = new HashSet<>();
        private boolean dropLocalhostLookups;

        private Builder() {
        }

        /** Forward only providers matching one of the included patterns (all when none is given). */
        public Builder includeProvider(String pattern) {
            includeProviders.add(NamePattern.of(pattern));
            return this;
        }

        public Builder excludeProvider(String pattern) {
            excludeProviders.add(NamePattern.of(pattern));
            return this;
        }

        /** Forward only these event ids (all when none is given). */
        public Builder includeEventId(int id) {
            includeIds.add(id);
            return this;
        }

        public Builder excludeEventId(int id) {
            excludeIds.add(id);
            return this;
        }

        /** Of the events that name an image, forward only those matching (full path or file name). */
        public Builder includeImage(String pattern) {
            includeImages.add(NamePattern.of(pattern));
            return this;
        }

        public Builder excludeImage(String pattern) {
            excludeImages.add(NamePattern.of(pattern));
            return this;
        }

        /** Of the DNS events, forward only those whose query name matches. */
        public Builder includeQueryName(String pattern) {
            includeQueryNames.add(NamePattern.of(pattern));
            return this;
        }

        public Builder excludeQueryName(String pattern) {
            excludeQueryNames.add(NamePattern.of(pattern));
            return this;
        }

        public Builder excludeProcessId(long pid) {
            excludedProcessIds.add(pid);
            return this;
        }

        /** Drop lookups of {@code localhost}, {@code *.localhost} and lookups answered only with loopback addresses. */
        public Builder dropLocalhostLookups(boolean drop) {
            this.dropLocalhostLookups = drop;
            return this;
        }

        public EventFilter build() {
            return new EventFilter(this);
        }
    }
}
